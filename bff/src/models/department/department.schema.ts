import { Schema, model, type InferSchemaType, type Types } from "mongoose";

const departmentSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    shortName: { type: String, required: true },
    phone: { type: String, default: null },
    active: { type: Boolean, default: true },
    /** Seeded sample configuration: to be checked on deployment. */
    sample: { type: Boolean, default: false },
    order: { type: Number, default: 100 },
  },
  { timestamps: true },
);

departmentSchema.index({ code: 1 }, { unique: true });

export type DepartmentRecord = InferSchemaType<typeof departmentSchema> & { _id: Types.ObjectId };

export const DepartmentModel = model("Department", departmentSchema);
