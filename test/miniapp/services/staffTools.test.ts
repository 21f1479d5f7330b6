import { ApiError } from "@/services/apiError";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import {
  listStaffPolicies,
  publishStaffPolicy,
  unpublishStaffPolicy,
  updateStaffPolicy,
} from "@/services/staffPolicies";
import {
  claimHotlineOrder,
  dispatchHotlineOrder,
  filePhoneComplaint,
  listHotlineQueue,
  newIntakeKey,
} from "@/services/hotline";
import { checkCaseText, proposeCase, publishCase } from "@/services/cases";
import { actOnRectification, listRectifications } from "@/services/ledger";
import { getStaffStats, staffStatsCsvUrl } from "@/services/stats";
import { resetTaro } from "../support/taro";
import { fakeTransport, tokenPair } from "../support/fakeTransport";

const ID = "0123456789abcdef01234567";

beforeEach(() => {
  resetTaro();
  const pair = tokenPair("staff-access", "refresh-token-000000009");
  sessionStore.set(sessionFromTokens({ ...pair, user: { ...pair.user, role: "coordinator" } }));
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

describe("policy editor services", () => {
  it("lists posts with filters and paging in the query, with the staff token", async () => {
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/policies": () => ({
        statusCode: 200,
        data: { items: [], total: 0, page: 2, pageSize: 20 },
      }),
    });
    configureRequest({ transport });
    await listStaffPolicies({ status: "draft", q: "餐饮" }, 2);
    const url = new URL(seen[0].url);
    expect(url.searchParams.get("status")).toBe("draft");
    expect(url.searchParams.get("q")).toBe("餐饮");
    expect(url.searchParams.get("page")).toBe("2");
    expect(seen[0].header.Authorization).toBe("Bearer staff-access");
  });

  it("saves with expectedVersion and surfaces a 409 as a conflict ApiError", async () => {
    const { transport, seen } = fakeTransport({
      [`PATCH /api/v1/staff/policies/${ID}`]: () => ({
        statusCode: 409,
        data: { error: { code: "conflict", message: "数据已被修改，请刷新后重试" } },
      }),
    });
    configureRequest({ transport });
    const failure = await updateStaffPolicy(ID, { title: "新标题", expectedVersion: 3 }).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("conflict");
    expect((failure as ApiError).status).toBe(409);
    expect(seen[0].method).toBe("PATCH");
    expect(seen[0].data).toEqual({ title: "新标题", expectedVersion: 3 });
  });

  it("publishes now with an empty body, later with `at`, and unpublishes with a reason", async () => {
    const { transport, seen } = fakeTransport({
      [`POST /api/v1/staff/policies/${ID}/publish`]: () => ({ statusCode: 200, data: {} }),
      [`POST /api/v1/staff/policies/${ID}/unpublish`]: () => ({ statusCode: 200, data: {} }),
    });
    configureRequest({ transport });
    await publishStaffPolicy(ID);
    await publishStaffPolicy(ID, "2026-12-10T09:00:00+08:00");
    await unpublishStaffPolicy(ID, "内容有误");
    expect(seen.map((r) => r.data)).toEqual([
      {},
      { at: "2026-12-10T09:00:00+08:00" },
      { reason: "内容有误" },
    ]);
  });
});

describe("12345 services", () => {
  it("asks for a queue view and searches by ticket number", async () => {
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/hotline/queue": () => ({
        statusCode: 200,
        data: { items: [], total: 0, page: 1, pageSize: 20 },
      }),
    });
    configureRequest({ transport });
    await listHotlineQueue({ view: "unclaimed", q: "LS202612040001" });
    const url = new URL(seen[0].url);
    expect(url.searchParams.get("view")).toBe("unclaimed");
    expect(url.searchParams.get("q")).toBe("LS202612040001");
  });

  it("claims and dispatches on the ticket's own routes", async () => {
    const { transport, seen } = fakeTransport({
      "POST /api/v1/staff/hotline/queue/LS202612040001/claim": () => ({
        statusCode: 200,
        data: { ticketNo: "LS202612040001" },
      }),
      "POST /api/v1/staff/hotline/queue/LS202612040001/dispatch": () => ({
        statusCode: 200,
        data: { ticketNo: "LS202612040001" },
      }),
    });
    configureRequest({ transport });
    await claimHotlineOrder("LS202612040001");
    await dispatchHotlineOrder("LS202612040001", { departmentCode: "scjg", note: "尽快回电" });
    expect(seen[1].data).toEqual({ departmentCode: "scjg", note: "尽快回电" });
  });

  it("files a phone complaint through the intake route with the same key on a retry", async () => {
    let calls = 0;
    const { transport, seen } = fakeTransport({
      "POST /api/v1/complaints": () => {
        calls += 1;
        return calls === 1
          ? {
              statusCode: 503,
              data: { error: { code: "service_unavailable", message: "服务暂时不可用" } },
            }
          : { statusCode: 201, data: { ticketNo: "LS202612040002" } };
      },
    });
    configureRequest({ transport });
    const key = newIntakeKey();
    const body = {
      barrierType: "B05" as const,
      title: "开餐馆被要求先办某证",
      description: "窗口要求先办理消防以外的额外证明才受理。",
      accusedName: "某局窗口",
      town: "南康镇" as const,
      contact: { name: "张先生", phone: "13800000000" },
    };
    await expect(filePhoneComplaint(body, key)).rejects.toMatchObject({ status: 503 });
    await expect(filePhoneComplaint(body, key)).resolves.toEqual({ ticketNo: "LS202612040002" });
    expect(seen.map((r) => r.header["Idempotency-Key"])).toEqual([key, key]);
  });

  it("makes idempotency keys the contract accepts, different for each call", () => {
    const a = newIntakeKey();
    const b = newIntakeKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(a).not.toBe(b);
  });
});

describe("case, ledger and stats services", () => {
  it("proposes, checks text without saving and publishes with the reviewed version", async () => {
    const { transport, seen } = fakeTransport({
      "POST /api/v1/staff/cases": () => ({ statusCode: 201, data: { id: ID } }),
      [`POST /api/v1/staff/cases/${ID}/check`]: () => ({
        statusCode: 200,
        data: { passed: true, findings: [], explanation: "" },
      }),
      [`POST /api/v1/staff/cases/${ID}/publish`]: () => ({
        statusCode: 422,
        data: {
          error: { code: "personal_data_found", message: "公开文本中仍有个人信息，请脱敏后再发布" },
        },
      }),
    });
    configureRequest({ transport });
    await proposeCase("LS202612040001", "典型的违规增设条件");
    await checkCaseText(ID, { summary: "申请人张三反映" });
    await expect(publishCase(ID, 4)).rejects.toMatchObject({
      code: "personal_data_found",
      status: 422,
    });
    expect(seen.map((r) => r.data)).toEqual([
      { ticketNo: "LS202612040001", reason: "典型的违规增设条件" },
      { summary: "申请人张三反映" },
      { expectedVersion: 4 },
    ]);
  });

  it("filters the ledger by overdue and sends actions as the discriminated body", async () => {
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/rectifications": () => ({
        statusCode: 200,
        data: { items: [], total: 0, page: 1, pageSize: 20, counts: {} },
      }),
      [`POST /api/v1/staff/rectifications/${ID}/actions`]: () => ({ statusCode: 200, data: {} }),
    });
    configureRequest({ transport });
    await listRectifications({ overdue: "true", status: "rectifying" });
    await actOnRectification(ID, {
      action: "confirm",
      publicSummary: "已废止该文件",
      expectedVersion: 2,
    });
    expect(new URL(seen[0].url).searchParams.get("overdue")).toBe("true");
    expect(seen[1].data).toEqual({
      action: "confirm",
      publicSummary: "已废止该文件",
      expectedVersion: 2,
    });
  });

  it("asks for JSON stats and builds the CSV address with the same filters", async () => {
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/stats": () => ({ statusCode: 200, data: {} }),
    });
    configureRequest({ transport });
    await getStaffStats({ from: "2026-11-01", to: "2026-11-30", department: "scjg" });
    expect(new URL(seen[0].url).search).toBe(
      "?from=2026-11-01&to=2026-11-30&department=scjg&format=json",
    );
    expect(staffStatsCsvUrl({ from: "2026-11-01", to: "2026-11-30" })).toBe(
      "http://bff.test/api/v1/staff/stats?from=2026-11-01&to=2026-11-30&format=csv",
    );
  });
});
