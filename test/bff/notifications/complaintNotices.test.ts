import type { MessageView } from "@lushan/shared";
import { Types } from "mongoose";
import { withTransaction } from "../../../bff/src/db/transaction";
import { emitEvents, type EventMap } from "../../../bff/src/queues/events";
import { buildDepartment, buildStaff, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";
import { citizen, consent, drainAll, TEMPLATES, type Subscriber } from "./support";

const COMPLAINT_TPL = TEMPLATES.WECHAT_TEMPLATE_COMPLAINT_PROGRESS;

describe("complaint progress notices", () => {
  const server = getTestServer({ wechat: true, env: { ...TEMPLATES, WECHAT_LONG_TERM_TEMPLATES: "complaint_progress", SUBSCRIBE_SEND_PER_SECOND: "1000" } });
  let owner: Subscriber;
  let follower: Subscriber;
  let bystander: Subscriber;
  let departmentId: Types.ObjectId;
  let officer: string;
  let officerId: Types.ObjectId;

  beforeAll(async () => {
    owner = await citizen(server);
    follower = await citizen(server);
    bystander = await citizen(server);
    const dept = await buildDepartment();
    departmentId = dept._id;
    const staff = await buildStaff("dept_staff", { department: dept });
    officer = tokenFor(server, staff);
    officerId = staff._id;
    await consent(server, owner, COMPLAINT_TPL, 1);
  });

  async function statusChanged(action: string, to: string, actorId: string | null = null): Promise<void> {
    const payload: EventMap["complaint.status_changed"] = {
      complaintId: new Types.ObjectId().toHexString(),
      ticketNo: "LS202611240001",
      ownerId: owner.user._id.toHexString(),
      followerIds: [follower.user._id.toHexString()],
      departmentId: departmentId.toHexString(),
      from: "submitted",
      to,
      action,
      title: "办理食品经营许可时被要求提供额外的无犯罪记录证明材料",
    };
    await withTransaction((session) => emitEvents([{ name: "complaint.status_changed", payload, actorId }], session));
    await drainAll(server);
  }

  const inbox = async (token: string) => (await server.get<{ items: MessageView[] }>("/api/v1/messages", { token })).body.items;

  it("tells the complainant, followers of merged complaints and the handling department about an assignment", async () => {
    await statusChanged("assign", "assigned");
    const [mine] = await inbox(owner.token);
    expect(mine).toMatchObject({ kind: "complaint", title: "LS202611240001 已派单", target: { type: "complaint", id: "LS202611240001" }, page: "packages/complaint/detail/index?ticketNo=LS202611240001" });
    expect(mine.body).toContain("转交承办部门");
    expect(await inbox(follower.token)).toHaveLength(1);
    expect(await inbox(bystander.token)).toHaveLength(0);
    const [forOfficer] = await inbox(officer);
    expect(forOfficer.body).toContain("新派单");
    // The owner holds a long-term consent: a WeChat message within the field limits.
    const sent = server.wechat!.sentMessages.filter((m) => m.touser === owner.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: COMPLAINT_TPL, data: { character_string1: { value: "LS202611240001" }, phrase3: { value: "已派单" } } });
    expect([...sent[0].data.thing2.value].length).toBeLessThanOrEqual(20);
  });

  it("keeps a long-term consent for the next step", async () => {
    await statusChanged("reply", "replied", officerId.toHexString());
    expect(server.wechat!.sentMessages.filter((m) => m.touser === owner.openid)).toHaveLength(2);
    expect((await inbox(owner.token))[0].title).toBe("LS202611240001 已答复");
    // The officer who replied is not told about their own reply (and replies are not department notices).
    expect(await inbox(officer)).toHaveLength(1);
  });

  it("does not tell complainants about internal steps, nor about their own actions", async () => {
    const before = (await inbox(owner.token)).length;
    await statusChanged("supervise", "accepted");
    await statusChanged("comment", "accepted");
    await statusChanged("rate", "closed", owner.user._id.toHexString());
    expect(await inbox(owner.token)).toHaveLength(before);
    expect((await inbox(officer))[0].body).toContain("督办");
  });
});
