import type { ClientSession, Types } from "mongoose";
import type { Role } from "@lushan/shared";
import { scopeFilter, type DepartmentScope } from "../scope";
import { UserModel, type UserRecord } from "./user.schema";

export interface StaffListFilter {
  departmentId?: Types.ObjectId;
  role?: Role;
  /** Matches the start of the username or display name. */
  q?: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Users: citizens (by openid) and staff (by username). */
export const userRepository = {
  async findById(id: Types.ObjectId): Promise<UserRecord | null> {
    return UserModel.findById(id).lean<UserRecord>();
  },

  async findByUsername(username: string): Promise<UserRecord | null> {
    return UserModel.findOne({ username: username.toLowerCase() }).lean<UserRecord>();
  },

  /**
   * Finds the citizen with this openid, creating them on first login. The upsert makes two
   * simultaneous first logins converge on one account.
   */
  async upsertCitizen(openid: string, unionid?: string): Promise<UserRecord> {
    const user = await UserModel.findOneAndUpdate(
      { openid },
      {
        $setOnInsert: { openid, role: "citizen", displayName: "微信用户" },
        $set: { lastLoginAt: new Date(), ...(unionid ? { unionid } : {}) },
      },
      { upsert: true, returnDocument: "after" },
    ).lean<UserRecord>();
    return user as UserRecord;
  },

  async createStaff(
    fields: {
      username: string;
      displayName: string;
      role: Role;
      departmentId: Types.ObjectId | null;
      passwordHash: string;
    },
    session?: ClientSession,
  ): Promise<UserRecord> {
    const [doc] = await UserModel.create([fields], { session });
    return doc.toObject() as UserRecord;
  },

  async listStaff(
    scope: DepartmentScope,
    filter: StaffListFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: UserRecord[]; total: number }> {
    const query: Record<string, unknown> = {
      role: { $ne: "citizen" },
      ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
      ...(filter.role ? { role: filter.role } : {}),
      ...scopeFilter(scope),
    };
    if (filter.q) {
      const re = new RegExp(`^${escapeRegex(filter.q)}`, "i");
      query.$or = [{ username: re }, { displayName: re }];
    }
    const [items, total] = await Promise.all([
      UserModel.find(query)
        .sort({ username: 1 })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .lean<UserRecord[]>(),
      UserModel.countDocuments(query),
    ]);
    return { items, total };
  },

  async update(
    id: Types.ObjectId,
    changes: Partial<Pick<UserRecord, "displayName" | "role" | "departmentId" | "disabled" | "passwordHash" | "lockedUntil" | "failedLoginCount">>,
    session?: ClientSession,
  ): Promise<UserRecord | null> {
    return UserModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: "after", session }).lean<UserRecord>();
  },

  /** Records a failed password attempt and locks the account when the window's limit is hit. */
  async recordFailedLogin(
    id: Types.ObjectId,
    policy: { max: number; windowMs: number; lockMs: number },
  ): Promise<UserRecord | null> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - policy.windowMs);
    // One pipeline update keeps count, window and lock consistent under concurrent attempts.
    return UserModel.findByIdAndUpdate(
      id,
      [
        {
          $set: {
            failedLoginCount: {
              $cond: [{ $gt: ["$failedLoginWindowStart", windowStart] }, { $add: ["$failedLoginCount", 1] }, 1],
            },
            failedLoginWindowStart: {
              $cond: [{ $gt: ["$failedLoginWindowStart", windowStart] }, "$failedLoginWindowStart", now],
            },
          },
        },
        {
          $set: {
            lockedUntil: {
              $cond: [{ $gte: ["$failedLoginCount", policy.max] }, new Date(now.getTime() + policy.lockMs), "$lockedUntil"],
            },
          },
        },
      ],
      { returnDocument: "after", updatePipeline: true },
    ).lean<UserRecord>();
  },

  async recordSuccessfulLogin(id: Types.ObjectId): Promise<void> {
    await UserModel.updateOne(
      { _id: id },
      { $set: { lastLoginAt: new Date(), failedLoginCount: 0, failedLoginWindowStart: null, lockedUntil: null } },
    );
  },
};
