import type { ClientSession, Types } from "mongoose";
import { DepartmentModel, type DepartmentRecord } from "./department.schema";

export interface DepartmentFields {
  code: string;
  name: string;
  shortName: string;
  phone?: string | null;
  active?: boolean;
  sample?: boolean;
  order?: number;
}

/** Departments are a small, rarely edited table; reads return plain records. */
export const departmentRepository = {
  async list(options: { activeOnly?: boolean } = {}): Promise<DepartmentRecord[]> {
    const filter = options.activeOnly ? { active: true } : {};
    return DepartmentModel.find(filter).sort({ order: 1, code: 1 }).lean<DepartmentRecord[]>();
  },

  async findByCode(code: string): Promise<DepartmentRecord | null> {
    return DepartmentModel.findOne({ code }).lean<DepartmentRecord>();
  },

  async findById(id: Types.ObjectId): Promise<DepartmentRecord | null> {
    return DepartmentModel.findById(id).lean<DepartmentRecord>();
  },

  async findByIds(ids: Types.ObjectId[]): Promise<Map<string, DepartmentRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await DepartmentModel.find({ _id: { $in: ids } }).lean<DepartmentRecord[]>();
    return new Map(rows.map((d) => [d._id.toHexString(), d]));
  },

  async create(fields: DepartmentFields, session?: ClientSession): Promise<DepartmentRecord> {
    const [doc] = await DepartmentModel.create([fields], { session });
    return doc.toObject() as DepartmentRecord;
  },

  async update(
    code: string,
    changes: Partial<Omit<DepartmentFields, "code">>,
    session?: ClientSession,
  ): Promise<DepartmentRecord | null> {
    return DepartmentModel.findOneAndUpdate({ code }, { $set: changes }, { returnDocument: "after", session }).lean<DepartmentRecord>();
  },
};
