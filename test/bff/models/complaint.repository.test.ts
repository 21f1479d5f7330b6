import { Types } from "mongoose";
import { complaintRepository } from "../../../bff/src/models/complaint/complaint.repository";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";

describe("complaintRepository.prepare", () => {
  const minimal = {
    channel: "miniapp" as const,
    barrierType: "B05",
    title: "标题",
    description: "描述至少十个字的问题说明",
    listScope: "unsure" as const,
    accusedName: "某窗口",
    town: "南康镇",
    contact: { name: "张三", phone: "13812345678" },
    routing: { ruleId: null, ruleName: null, explanation: "x", plainReason: "y", departmentId: null, coDepartmentIds: [], hotline: false },
    moderation: "skipped" as const,
    timeline: [],
  };

  it("builds a complaint the schema accepts, with every field the schema defines", async () => {
    const doc = { ...complaintRepository.prepare({ ...minimal, ownerId: new Types.ObjectId() }), ticketNo: "LS202611240001" };
    await expect(new ComplaintModel(doc).validate()).resolves.toBeUndefined();
    const topLevel = new Set(Object.keys(ComplaintModel.schema.paths).map((p) => p.split(".")[0]));
    for (const field of topLevel) expect([field, field in doc]).toEqual([field, true]);
    // Nothing the schema does not know about is written.
    for (const key of Object.keys(doc)) expect([key, topLevel.has(key)]).toEqual([key, true]);
  });

  it("gives each complaint its own id and its own arrays", () => {
    const a = complaintRepository.prepare(minimal);
    const b = complaintRepository.prepare(minimal);
    expect(a._id.equals(b._id)).toBe(false);
    a.evidence.push("x");
    expect(b.evidence).toEqual([]);
  });
});
