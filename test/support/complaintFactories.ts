import sharp from "sharp";
import type { ComplaintCreateInput, ComplaintStatus } from "@lushan/shared";
import { creditCodeCheckChar } from "@lushan/shared";
import { complaintRepository } from "../../bff/src/models/complaint/complaint.repository";
import type { ComplaintRecord } from "../../bff/src/models/complaint/complaint.schema";
import { DepartmentModel, type DepartmentRecord } from "../../bff/src/models/department/department.schema";
import type { UserRecord } from "../../bff/src/models/user/user.schema";
import { buildCitizen, buildStaff, tokenFor, unique } from "./factories";
import type { TestServer } from "./server";

export type ErrorReply = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
export type Created = {
  ticketNo: string;
  status: string;
  routing: { department: { code: string } | null; coDepartments: { code: string }[]; hotline: boolean; reason: string };
  followUp: string;
};

/** A valid unified social credit code (check character computed). */
export function validCreditCode(seed = "91360483MA35"): string {
  const first17 = (seed + "0".repeat(17)).slice(0, 17).toUpperCase();
  return first17 + creditCodeCheckChar(first17);
}

/** A complaint body that passes validation; override what the test is about. */
export function complaintInput(overrides: Partial<ComplaintCreateInput> = {}): ComplaintCreateInput {
  return {
    barrierType: "B05",
    title: `办证被要求额外材料${unique("")}`,
    description: "去窗口办理许可时，被要求提供法规没有规定的证明材料，来回跑了三趟还没办下来。",
    listItemCode: null,
    accusedName: "某窗口",
    town: "南康镇",
    contact: { name: "张三", phone: "13812345678" },
    confidential: false,
    ...overrides,
  };
}

/** A seeded department (the seed runs in servers started with `seed: true`). */
export async function department(code: string): Promise<DepartmentRecord> {
  const d = await DepartmentModel.findOne({ code }).lean<DepartmentRecord>();
  if (!d) throw new Error(`department ${code} not seeded`);
  return d;
}

export interface TestUser {
  user: UserRecord;
  token: string;
}

/** A staff member of a seeded department, with a token. */
export async function staffOf(server: TestServer, code: string, role: "dept_staff" | "dept_admin" = "dept_staff"): Promise<TestUser> {
  const user = await buildStaff(role, { department: (await department(code)) as never });
  return { user, token: tokenFor(server, user) };
}

/** A 发改 coordinator. */
export async function coordinator(server: TestServer): Promise<TestUser> {
  const user = await buildStaff("coordinator", { department: (await department("fgw")) as never });
  return { user, token: tokenFor(server, user) };
}

/** A 12345 operator. */
export async function hotlineOperator(server: TestServer): Promise<TestUser> {
  const user = await buildStaff("hotline_operator", { department: (await department("rx12345")) as never });
  return { user, token: tokenFor(server, user) };
}

/** A system administrator. */
export async function administrator(server: TestServer): Promise<TestUser> {
  const user = await buildStaff("admin");
  return { user, token: tokenFor(server, user) };
}

/** A WeChat citizen. */
export async function citizen(server: TestServer): Promise<TestUser> {
  const user = await buildCitizen();
  return { user, token: tokenFor(server, user) };
}

/** Files a complaint through the API and returns its ticket number. */
export async function fileComplaint(server: TestServer, token: string, overrides: Partial<ComplaintCreateInput> = {}, headers: Record<string, string> = {}): Promise<string> {
  const res = await server.post<Created>("/api/v1/complaints", { token, body: complaintInput(overrides), headers });
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${res.text}`);
  return res.body.ticketNo;
}

/** The stored complaint. */
export async function storedComplaint(ticketNo: string): Promise<ComplaintRecord> {
  const c = await complaintRepository.findByTicketNo(ticketNo);
  if (!c) throw new Error(`no complaint ${ticketNo}`);
  return c;
}

/** Takes a staff action through the API and fails loudly if it is refused. */
export async function act(server: TestServer, token: string, ticketNo: string, body: Record<string, unknown>): Promise<void> {
  const res = await server.post(`/api/v1/staff/complaints/${ticketNo}/actions`, { token, body });
  if (res.status !== 200) throw new Error(`${String(body.action)} on ${ticketNo} failed: ${res.status} ${res.text}`);
}

export interface Cast {
  owner: TestUser;
  handler: TestUser;
  coordinator: TestUser;
}

/**
 * A complaint of `cast.owner` driven through the API to a status. Without `coordinatorQueue` it
 * is about list item S2048 (handled by 市场监管, `cast.handler`); with it, about B15 with no rule,
 * so it waits in the coordination queue.
 */
export async function complaintIn(server: TestServer, status: ComplaintStatus, cast: Cast, overrides: Partial<ComplaintCreateInput> = {}): Promise<string> {
  const queued = status === "submitted" || status === "returned" || status === "merged";
  const ticket = await fileComplaint(server, cast.owner.token, queued ? { barrierType: "B15", ...overrides } : { listItemCode: "S2048", ...overrides });
  const step = (token: string, body: Record<string, unknown>) => act(server, token, ticket, body);
  switch (status) {
    case "returned":
      await step(cast.coordinator.token, { action: "assign", department: "scjgj" });
      await step(cast.handler.token, { action: "return", note: "不属于本部门职责" });
      break;
    case "accepted":
      await step(cast.handler.token, { action: "accept" });
      break;
    case "replied":
      await step(cast.handler.token, { action: "accept" });
      await step(cast.handler.token, { action: "reply", note: "经核查，已责令窗口取消额外材料要求。" });
      break;
    case "closed": {
      await step(cast.handler.token, { action: "accept" });
      await step(cast.handler.token, { action: "reply", note: "经核查，已责令窗口取消额外材料要求。" });
      const rated = await server.post(`/api/v1/complaints/${ticket}/rating`, { token: cast.owner.token, body: { rating: "satisfied" } });
      if (rated.status !== 200) throw new Error(`rating failed: ${rated.text}`);
      break;
    }
    case "merged": {
      const survivor = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
      await step(cast.coordinator.token, { action: "merge", into: survivor });
      break;
    }
  }
  return ticket;
}

/** A JPEG with camera make and GPS position in its EXIF. */
export async function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#3366aa" } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestCam", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "29/1 26/1 54/1", GPSLongitudeRef: "E", GPSLongitude: "116/1 4/1 50/1" } })
    .toBuffer();
}

/** A small PNG. */
export function png(size = 10): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 4, background: "#ff0000" } }).png().toBuffer();
}

/** Uploads a file as multipart field `file`. */
export async function uploadFile(server: TestServer, token: string | null, data: Buffer, name = "photo.jpg", field = "file") {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${server.url}/api/v1/uploads`, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as { id: string; url: string; status: string } & ErrorReply };
}
