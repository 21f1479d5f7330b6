import type { ClientSession, Types } from "mongoose";
import {
  RoutingRuleHistoryModel,
  RoutingRuleModel,
  type RoutingRuleHistoryRecord,
  type RoutingRuleRecord,
} from "./routingRule.schema";

/** The fields an editor sets on a rule. */
export interface RoutingRuleFields {
  name: string;
  priority: number;
  active: boolean;
  match: RoutingRuleRecord["match"];
  target: RoutingRuleRecord["target"];
  coDepartments: string[];
  hotline: boolean;
}

export type RuleChange = "created" | "updated" | "deactivated";

/** Routing rules and their append-only history. */
export const routingRuleRepository = {
  /** Every rule, active ones first, by priority. */
  async listAll(): Promise<RoutingRuleRecord[]> {
    return RoutingRuleModel.find({}).sort({ active: -1, priority: 1, _id: 1 }).lean<RoutingRuleRecord[]>();
  },

  /** Active rules in the order they are tried. */
  async listActive(): Promise<RoutingRuleRecord[]> {
    return RoutingRuleModel.find({ active: true }).sort({ priority: 1, _id: 1 }).lean<RoutingRuleRecord[]>();
  },

  async findById(id: Types.ObjectId, session?: ClientSession): Promise<RoutingRuleRecord | null> {
    return RoutingRuleModel.findById(id, null, { session }).lean<RoutingRuleRecord>();
  },

  async exists(id: Types.ObjectId): Promise<boolean> {
    return Boolean(await RoutingRuleModel.exists({ _id: id }));
  },

  async count(): Promise<number> {
    return RoutingRuleModel.countDocuments();
  },

  async create(fields: RoutingRuleFields & { note: string; updatedBy: Types.ObjectId | null }, session?: ClientSession): Promise<RoutingRuleRecord> {
    const [doc] = await RoutingRuleModel.create([{ ...fields, version: 1 }], { session });
    return doc.toObject() as unknown as RoutingRuleRecord;
  },

  /** Replaces a rule's fields if it is still at `version` (two editors cannot overwrite each other). */
  async update(id: Types.ObjectId, version: number, fields: RoutingRuleFields & { note: string; updatedBy: Types.ObjectId }, session: ClientSession): Promise<RoutingRuleRecord | null> {
    return RoutingRuleModel.findOneAndUpdate({ _id: id, version }, { $set: fields, $inc: { version: 1 } }, { returnDocument: "after", session }).lean<RoutingRuleRecord>();
  },

  async recordHistory(
    entry: { ruleId: Types.ObjectId; version: number; change: RuleChange; snapshot: RoutingRuleFields; note: string; editorId: Types.ObjectId | null; editorName: string | null },
    session?: ClientSession,
  ): Promise<void> {
    await RoutingRuleHistoryModel.create([{ ...entry, at: new Date() }], { session });
  },

  /** A rule's versions, newest first. */
  async history(ruleId: Types.ObjectId): Promise<RoutingRuleHistoryRecord[]> {
    return RoutingRuleHistoryModel.find({ ruleId }).sort({ version: -1 }).lean<RoutingRuleHistoryRecord[]>();
  },
};
