import { Schema, model, type InferSchemaType, type Types } from "mongoose";

const matchSchema = {
  barrierTypes: { type: [String], default: [] },
  itemCodes: { type: [String], default: [] },
  itemDepartments: { type: [String], default: [] },
  industries: { type: [String], default: [] },
  keywords: { type: [String], default: [] },
  towns: { type: [String], default: [] },
  listScopes: { type: [String], default: [] },
};

/**
 * A routing rule (FixMyStreet's contact): which complaints go to which department. The first
 * active rule by priority that matches wins; every edit is copied to the history.
 */
const routingRuleSchema = new Schema(
  {
    name: { type: String, required: true },
    priority: { type: Number, required: true },
    active: { type: Boolean, default: true },
    match: { _id: false, type: matchSchema, default: () => ({}) },
    target: {
      _id: false,
      kind: { type: String, enum: ["department", "item_department", "coordinator"], required: true },
      department: { type: String, default: null },
    },
    coDepartments: { type: [String], default: [] },
    hotline: { type: Boolean, default: false },
    note: { type: String, required: true },
    version: { type: Number, default: 1 },
    updatedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true },
);

routingRuleSchema.index({ active: 1, priority: 1 });

type Inferred = InferSchemaType<typeof routingRuleSchema>;

/** A stored rule (nested parts the schema always sets are required here). */
export type RoutingRuleRecord = Omit<Inferred, "match" | "target"> & {
  _id: Types.ObjectId;
  updatedAt: Date;
  match: { barrierTypes: string[]; itemCodes: string[]; itemDepartments: string[]; industries: string[]; keywords: string[]; towns: string[]; listScopes: string[] };
  target: { kind: "department" | "item_department" | "coordinator"; department: string | null };
};

export const RoutingRuleModel = model("RoutingRule", routingRuleSchema);

/** Append-only copies of every rule version (who changed what, when, why). */
const routingRuleHistorySchema = new Schema(
  {
    ruleId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    change: { type: String, enum: ["created", "updated", "deactivated"], required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    note: { type: String, required: true },
    editorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    editorName: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

routingRuleHistorySchema.index({ ruleId: 1, version: 1 }, { unique: true });

export type RoutingRuleHistoryRecord = InferSchemaType<typeof routingRuleHistorySchema> & { _id: Types.ObjectId };

export const RoutingRuleHistoryModel = model("RoutingRuleHistory", routingRuleHistorySchema);
