import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { ALL_ROLES } from "@lushan/shared";

const userSchema = new Schema(
  {
    role: { type: String, enum: ALL_ROLES, required: true },
    displayName: { type: String, required: true },
    /** WeChat (or development) identity of citizens. */
    openid: { type: String },
    unionid: { type: String },
    /** Staff login name, lower case. */
    username: { type: String },
    passwordHash: { type: String },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    disabled: { type: Boolean, default: false },
    failedLoginCount: { type: Number, default: 0 },
    failedLoginWindowStart: { type: Date, default: null },
    lockedUntil: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true },
);

userSchema.index(
  { openid: 1 },
  { unique: true, partialFilterExpression: { openid: { $type: "string" } } },
);
userSchema.index(
  { username: 1 },
  { unique: true, partialFilterExpression: { username: { $type: "string" } } },
);
userSchema.index({ departmentId: 1, role: 1 });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

export const UserModel = model("User", userSchema);
