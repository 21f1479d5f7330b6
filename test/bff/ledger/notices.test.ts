import { cstDate, type MessageView, type RectificationView } from "@lushan/shared";
import { createLogger } from "../../../bff/src/logger";
import type { DepartmentRecord } from "../../../bff/src/models/department/department.schema";
import { RectificationModel } from "../../../bff/src/models/rectification/rectification.schema";
import type { UserRecord } from "../../../bff/src/models/user/user.schema";
import { ledgerOverdueCron } from "../../../bff/src/queues/crons/ledgerOverdue";
import { buildCitizen, buildDepartment, buildStaff, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";

type Messages = { items: MessageView[]; total: number; unreadCount: number };
type Person = { user: UserRecord; token: string };

const inDays = (n: number): string => cstDate(new Date(Date.now() + n * 86_400_000));

describe("rectification ledger notices (整改台账消息)", () => {
  const server = getTestServer();
  let deptA: DepartmentRecord;
  let deptB: DepartmentRecord;
  let staffA: Person;
  let adminA: Person;
  let disabledA: Person;
  let staffB: Person;
  let adminB: Person;
  let coord1: Person;
  let coord2: Person;
  let admin: Person;
  let citizen: Person;

  const person = async (user: Promise<UserRecord>): Promise<Person> => {
    const u = await user;
    return { user: u, token: tokenFor(server, u) };
  };

  beforeAll(async () => {
    deptA = await buildDepartment();
    deptB = await buildDepartment();
    staffA = await person(buildStaff("dept_staff", { department: deptA }));
    adminA = await person(buildStaff("dept_admin", { department: deptA }));
    disabledA = await person(buildStaff("dept_staff", { department: deptA, disabled: true } as never));
    staffB = await person(buildStaff("dept_staff", { department: deptB }));
    adminB = await person(buildStaff("dept_admin", { department: deptB }));
    coord1 = await person(buildStaff("coordinator"));
    coord2 = await person(buildStaff("coordinator"));
    admin = await person(buildStaff("admin"));
    citizen = await person(buildCitizen());
  });

  const everyone = () => [staffA, adminA, disabledA, staffB, adminB, coord1, coord2, admin, citizen];

  /** The ledger messages each person has about a task, after running the background jobs. */
  const inbox = async (p: Person, taskId: string): Promise<MessageView[]> => {
    const res = await server.get<Messages>("/api/v1/messages", { token: p.token, query: { pageSize: 50 } });
    expect(res.status).toBe(200);
    return res.body.items.filter((m) => m.target.type === "rectification" && m.target.id === taskId);
  };
  /** Who got how many messages matching `title`, by person. */
  const recipients = async (taskId: string, title: string): Promise<Map<Person, number>> => {
    await server.drainJobs();
    const out = new Map<Person, number>();
    for (const p of everyone()) {
      const n = (await inbox(p, taskId)).filter((m) => m.title.includes(title)).length;
      if (n) out.set(p, n);
    }
    return out;
  };
  const expectExactly = (got: Map<Person, number>, who: Person[]) => {
    expect([...got.keys()].map((p) => p.user.username).sort()).toEqual(who.map((p) => p.user.username).sort());
    for (const n of got.values()) expect(n).toBe(1);
  };

  const open = async (by: Person, dept: DepartmentRecord, deadline = inDays(10)): Promise<RectificationView> => {
    const res = await server.post<RectificationView>("/api/v1/staff/rectifications", {
      token: by.token,
      body: { origin: "evaluation", finding: "营商环境评估发现窗口办理时限过长", problem: "开办企业窗口要求重复提交材料", department: dept.code, responsiblePerson: "王科长", deadline },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = async (by: Person, id: string, body: Record<string, unknown>): Promise<RectificationView> => {
    const res = await server.post<RectificationView>(`/api/v1/staff/rectifications/${id}/actions`, { token: by.token, body });
    expect(res.status).toBe(200);
    return res.body;
  };

  it("a new task reaches the owner department's active staff and admins only, once, linking to the task page", async () => {
    const task = await open(coord1, deptA);
    const got = await recipients(task.id, "新整改任务");
    expectExactly(got, [staffA, adminA]);
    const [m] = await inbox(staffA, task.id);
    expect(m.title).toBe(`新整改任务 ${task.taskNo}`);
    expect(m.body).toContain("开办企业窗口要求重复提交材料");
    expect(m.body).toContain("王科长");
    expect(m.page).toBe(`packages/staff/ledger/detail/index?id=${task.id}`);
    // Replaying the jobs changes nothing.
    await server.drainJobs();
    expectExactly(await recipients(task.id, "新整改任务"), [staffA, adminA]);
  });

  it("changing the deadline tells the owner department; moving the task tells the new and the old department; wording edits tell nobody", async () => {
    const task = await open(coord1, deptA);
    await server.drainJobs();
    const deadline = await server.patch<RectificationView>(`/api/v1/staff/rectifications/${task.id}`, { token: coord2.token, body: { deadline: inDays(20), note: "材料较多，延长期限", expectedVersion: task.version } });
    expect(deadline.status).toBe(200);
    const adjusted = await recipients(task.id, "已调整");
    expectExactly(adjusted, [staffA, adminA]);
    const [m] = (await inbox(adminA, task.id)).filter((x) => x.title.includes("已调整"));
    expect(m.body).toContain(`期限改为 ${inDays(20)}`);
    expect(m.body).toContain("材料较多，延长期限");

    const wording = await server.patch<RectificationView>(`/api/v1/staff/rectifications/${task.id}`, { token: coord2.token, body: { problem: "开办企业窗口要求重复提交营业执照复印件", expectedVersion: deadline.body.version } });
    expect(wording.status).toBe(200);
    await server.drainJobs();
    expect((await inbox(staffA, task.id)).length).toBe(2);

    const moved = await server.patch<RectificationView>(`/api/v1/staff/rectifications/${task.id}`, { token: coord2.token, body: { department: deptB.code, expectedVersion: wording.body.version } });
    expect(moved.status).toBe(200);
    expectExactly(await recipients(task.id, "改由本部门负责"), [staffB, adminB]);
    expectExactly(await recipients(task.id, "已调出本部门"), [staffA, adminA]);
    // Nobody else heard anything about the move.
    for (const p of [coord1, coord2, admin, citizen, disabledA]) expect(await inbox(p, task.id)).toEqual([]);
  });

  it("a sign-off request reaches every coordinator; a return reaches the owner department with the reason", async () => {
    const task = await open(coord1, deptA);
    await act(staffA, task.id, { action: "start", measures: "梳理材料清单，取消重复提交" });
    await act(staffA, task.id, { action: "progress", evidence: [{ text: "新版材料清单已公示" }] });
    await act(adminA, task.id, { action: "request_signoff", note: "已完成整改" });
    const asked = await recipients(task.id, "申请销号");
    expectExactly(asked, [coord1, coord2]);
    const [m] = await inbox(coord2, task.id);
    expect(m.title).toBe(`整改任务 ${task.taskNo} 申请销号`);
    expect(m.body).toContain(deptA.name);

    await act(coord2, task.id, { action: "reject", note: "佐证材料缺少窗口实际办理记录" });
    const returned = await recipients(task.id, "退回");
    expectExactly(returned, [staffA, adminA]);
    const [r] = (await inbox(staffA, task.id)).filter((x) => x.title.includes("退回"));
    expect(r.body).toContain("退回原因：佐证材料缺少窗口实际办理记录");

    // Starting and progress updates are the department's own work: no notices for them.
    await act(staffA, task.id, { action: "progress", evidence: [{ text: "补充办理记录" }] });
    await server.drainJobs();
    expect(await inbox(coord1, task.id)).toHaveLength(1);
  });

  it("a sign-off request is not echoed to the requesting department, nor a return to the coordinators", async () => {
    const task = await open(coord1, deptB);
    await act(staffB, task.id, { action: "start", measures: "整改" });
    await act(staffB, task.id, { action: "request_signoff", evidence: [{ text: "整改报告" }] });
    await server.drainJobs();
    expect(await inbox(staffB, task.id)).toHaveLength(1); // only the opening notice
    expect(await inbox(coord1, task.id)).toHaveLength(1); // the sign-off request
    await act(coord1, task.id, { action: "reject", note: "请补充照片" });
    await server.drainJobs();
    expect(await inbox(coord1, task.id)).toHaveLength(1);
    expect(await inbox(adminB, task.id)).toHaveLength(2);
  });

  describe("overdue schedule", () => {
    const run = () => ledgerOverdueCron.perform({ config: server.config, log: createLogger("silent"), services: server.services });
    const pastDeadline = async (id: string, daysAgo = 2) => {
      const date = cstDate(new Date(Date.now() - daysAgo * 86_400_000));
      await RectificationModel.updateOne({ _id: id }, { $set: { deadlineDate: date, deadline: new Date(new Date(`${date}T23:59:59.999+08:00`).getTime()) } });
    };

    it("tells the owner department and the coordinators once per overdue task, and not again on the next run", async () => {
      const late = await open(coord1, deptA);
      const onTime = await open(coord1, deptA);
      const signedOff = await open(coord1, deptB);
      await act(staffB, signedOff.id, { action: "start", measures: "整改" });
      await act(staffB, signedOff.id, { action: "request_signoff", evidence: [{ text: "整改报告" }] });
      await act(coord1, signedOff.id, { action: "confirm", publicSummary: "已取消重复提交材料的要求" });
      await pastDeadline(late.id);
      await pastDeadline(signedOff.id);
      await server.drainJobs();

      await Promise.all([run(), run()]);
      const dept = await recipients(late.id, "已逾期");
      expectExactly(dept, [staffA, adminA]);
      const coords = await recipients(late.id, "逾期未销号");
      expectExactly(coords, [coord1, coord2]);
      const [m] = (await inbox(coord1, late.id)).filter((x) => x.title.includes("逾期"));
      expect(m.body).toContain(deptA.name);
      expect(m.body).toContain("请督办");
      expect(await recipients(onTime.id, "逾期")).toEqual(new Map());
      expect(await recipients(signedOff.id, "逾期")).toEqual(new Map());

      await run();
      expectExactly(await recipients(late.id, "已逾期"), [staffA, adminA]);
      expectExactly(await recipients(late.id, "逾期未销号"), [coord1, coord2]);
    });

    it("a new deadline that passes again is a new overdue episode, notified once more", async () => {
      const task = await open(coord1, deptB);
      await pastDeadline(task.id, 5);
      await run();
      expectExactly(await recipients(task.id, "已逾期"), [staffB, adminB]);
      const stored = await RectificationModel.findById(task.id).lean();
      const extended = await server.patch<RectificationView>(`/api/v1/staff/rectifications/${task.id}`, { token: coord1.token, body: { deadline: inDays(3), expectedVersion: stored!.version } });
      expect(extended.status).toBe(200);
      await run();
      await server.drainJobs();
      expect((await inbox(staffB, task.id)).filter((m) => m.title.includes("已逾期"))).toHaveLength(1);
      await pastDeadline(task.id, 1);
      await run();
      await server.drainJobs();
      expect((await inbox(staffB, task.id)).filter((m) => m.title.includes("已逾期"))).toHaveLength(2);
      expect((await inbox(coord2, task.id)).filter((m) => m.title.includes("逾期未销号"))).toHaveLength(2);
    });
  });
});
