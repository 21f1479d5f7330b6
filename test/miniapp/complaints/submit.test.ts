import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import {
  draftStore,
  emptyDraft,
  updateDraft,
  type ComplaintDraft,
} from "@/packages/complaint/new/draft";
import { isRetryable, renewDraftKey, submitDraft } from "@/packages/complaint/new/submit";
import { ApiError } from "@/services/apiError";
import type { TransportRequest, TransportResponse } from "@/platform";
import { resetTaro } from "../support/taro";
import { tokenPair } from "../support/fakeTransport";

const created = {
  ticketNo: "LS202612040001",
  status: "assigned",
  statusLabel: "已派单",
  routing: { department: null, coDepartments: [], hotline: false, reason: "" },
  followUp: "可在“我的反映”查看进度",
  createdAt: "2026-12-04T01:00:00.000Z",
};

function completeDraft(): ComplaintDraft {
  return updateDraft({
    ...emptyDraft(),
    barrierType: "B05",
    listScope: "unsure",
    title: "办证被要求额外材料",
    description: "去窗口办理许可时，被要求提供法规没有规定的证明材料。",
    accusedName: "某局窗口",
    town: "南康镇",
    contactName: "张三",
    contactPhone: "13812345678",
    confidential: false,
  });
}

/** A BFF that answers POST /complaints with the scripted outcomes in turn. */
function scripted(outcomes: Array<TransportResponse | "drop">) {
  const seen: TransportRequest[] = [];
  const transport = async (req: TransportRequest): Promise<TransportResponse> => {
    seen.push(req);
    const next = outcomes.shift();
    if (!next || next === "drop") throw { errMsg: "request:fail" };
    return next;
  };
  configureRequest({ transport });
  return seen;
}

const noWait = async () => undefined;

beforeEach(() => {
  resetTaro();
  draftStore.set(null);
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
  sessionStore.set(sessionFromTokens(tokenPair("access-1", "refresh-token-000000001")));
});

describe("submitDraft", () => {
  it("retries a lost answer and a server error with the same Idempotency-Key, then drops the draft", async () => {
    const draft = completeDraft();
    const seen = scripted([
      "drop",
      {
        statusCode: 503,
        data: { error: { code: "service_unavailable", message: "服务暂时不可用" } },
      },
      { statusCode: 201, data: created },
    ]);
    await expect(submitDraft(draft, { wait: noWait })).resolves.toEqual(created);
    expect(seen).toHaveLength(3);
    const keys = seen.map((r) => r.header["Idempotency-Key"]);
    expect(new Set(keys)).toEqual(new Set([draft.idempotencyKey]));
    expect(
      seen.every((r) => r.method === "POST" && r.url === "http://bff.test/api/v1/complaints"),
    ).toBe(true);
    expect(seen[0].data).toEqual(seen[2].data);
    expect(draftStore.get()).toBeNull();
  });

  it("keeps the draft and its key when every try fails, so 重新提交 repeats the same request", async () => {
    const draft = completeDraft();
    const seen = scripted(["drop", "drop"]);
    await expect(submitDraft(draft, { attempts: 2, wait: noWait })).rejects.toMatchObject({
      code: "network_error",
    });
    expect(draftStore.get()?.idempotencyKey).toBe(draft.idempotencyKey);

    // The later tap: still the same key, and this time the answer arrives.
    const again = scripted([{ statusCode: 201, data: created }]);
    await submitDraft(draftStore.get()!, { wait: noWait });
    expect(again[0].header["Idempotency-Key"]).toBe(draft.idempotencyKey);
    expect(seen.map((r) => r.header["Idempotency-Key"])).toEqual([
      draft.idempotencyKey,
      draft.idempotencyKey,
    ]);
  });

  it("does not repeat a refusal (4xx): the draft stays for the person to correct", async () => {
    const draft = completeDraft();
    const seen = scripted([
      {
        statusCode: 400,
        data: {
          error: {
            code: "validation_failed",
            message: "请求内容有误",
            details: [{ path: "body.contact.phone", message: "请填写正确的手机号或固定电话" }],
          },
        },
      },
    ]);
    await expect(submitDraft(draft, { wait: noWait })).rejects.toBeInstanceOf(ApiError);
    expect(seen).toHaveLength(1);
    expect(draftStore.get()?.title).toBe("办证被要求额外材料");
  });

  it("after idempotency_key_reused, a new key files the changed content as a new complaint", async () => {
    const draft = completeDraft();
    scripted([
      {
        statusCode: 422,
        data: { error: { code: "idempotency_key_reused", message: "请求标识已用于其他内容" } },
      },
    ]);
    await expect(submitDraft(draft, { wait: noWait })).rejects.toMatchObject({
      code: "idempotency_key_reused",
    });
    const renewed = renewDraftKey();
    expect(renewed.idempotencyKey).not.toBe(draft.idempotencyKey);
    expect(renewed.title).toBe(draft.title);
    const seen = scripted([{ statusCode: 201, data: created }]);
    await submitDraft(renewed, { wait: noWait });
    expect(seen[0].header["Idempotency-Key"]).toBe(renewed.idempotencyKey);
  });

  it("leaves a newer draft alone when an older one's answer comes back", async () => {
    const draft = completeDraft();
    scripted([{ statusCode: 201, data: created }]);
    const pending = submitDraft(draft, { wait: noWait });
    draftStore.set({ ...emptyDraft(), title: "另一件" });
    await pending;
    expect(draftStore.get()?.title).toBe("另一件");
  });
});

describe("isRetryable", () => {
  it("repeats only what may have reached the server unanswered", () => {
    expect(isRetryable(new ApiError("network_error", "网络", 0))).toBe(true);
    expect(isRetryable(new ApiError("http_502", "网关", 502))).toBe(true);
    expect(isRetryable(new ApiError("rate_limited", "太频繁", 429))).toBe(false);
    expect(isRetryable(new ApiError("validation_failed", "有误", 400))).toBe(false);
    expect(isRetryable(new Error("其他"))).toBe(false);
  });
});
