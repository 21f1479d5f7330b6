import Taro from "@tarojs/taro";
import { creditCodeCheckChar } from "@lushan/shared/creditCode";
import {
  DRAFT_STORAGE_KEY,
  discardDraft,
  draftHasContent,
  draftStore,
  draftToBody,
  emptyDraft,
  firstInvalidStep,
  newIdempotencyKey,
  STEP,
  updateDraft,
  validateStep,
  withListItem,
  type ComplaintDraft,
} from "@/packages/complaint/new/draft";
import { resetTaro } from "../support/taro";

const first17 = "91360483MA35TEST0".replace("TEST", "0A1B");
const validCode = first17 + creditCodeCheckChar(first17);

function complete(overrides: Partial<ComplaintDraft> = {}): ComplaintDraft {
  return {
    ...emptyDraft(),
    barrierType: "B05",
    listScope: "not_on_list",
    title: "办证被要求额外材料",
    description: "去窗口办理许可时，被要求提供法规没有规定的证明材料。",
    accusedName: "某局窗口",
    town: "南康镇",
    contactName: "张三",
    contactPhone: "13812345678",
    confidential: false,
    ...overrides,
  };
}

beforeEach(() => {
  resetTaro();
  draftStore.set(null);
});

describe("wizard steps", () => {
  it("asks for a barrier type before leaving the first step", () => {
    expect(validateStep(emptyDraft(), STEP.barrier)).toEqual({
      barrierType: "请选择最接近的问题类型",
    });
    expect(validateStep({ ...emptyDraft(), barrierType: "B15" }, STEP.barrier)).toEqual({});
  });

  it("needs a chosen item when the matter is on the list, nothing more when it is not or unsure", () => {
    const d = emptyDraft();
    expect(validateStep(d, STEP.list).listScope).toBeDefined();
    expect(validateStep({ ...d, listScope: "on_list" }, STEP.list)).toEqual({
      listItem: "请搜索并选择涉及的清单事项",
    });
    expect(validateStep(withListItem(d, { code: "S2048", name: "食品经营" }), STEP.list)).toEqual(
      {},
    );
    expect(validateStep({ ...d, listScope: "unsure" }, STEP.list)).toEqual({});
  });

  it("checks the story as the BFF will: title, 10+ characters, the office and the town", () => {
    const errors = validateStep({ ...emptyDraft(), description: "太短了" }, STEP.story);
    expect(Object.keys(errors).sort()).toEqual(["accusedName", "description", "title", "town"]);
    expect(validateStep(complete({ title: "一行\n两行" }), STEP.story).title).toBe(
      "一句话概括含有不允许的字符",
    );
    expect(validateStep(complete({ title: "字".repeat(61) }), STEP.story).title).toMatch("60");
    expect(validateStep(complete(), STEP.story)).toEqual({});
  });

  it("verifies the credit code's check character and the phone number", () => {
    const wrongCheck = first17 + (creditCodeCheckChar(first17) === "0" ? "1" : "0");
    expect(
      validateStep(complete({ businessName: "某小吃店", creditCode: wrongCheck }), STEP.contact),
    ).toEqual({
      creditCode: "统一社会信用代码不正确，请核对 18 位代码",
    });
    expect(
      validateStep(
        complete({ businessName: "某小吃店", creditCode: validCode.toLowerCase() }),
        STEP.contact,
      ),
    ).toEqual({});
    expect(validateStep(complete({ creditCode: validCode }), STEP.contact).businessName).toBe(
      "填写信用代码时请同时填写企业名称",
    );
    expect(validateStep(complete({ contactPhone: "12345" }), STEP.contact).contactPhone).toBe(
      "请填写正确的手机号或固定电话",
    );
    expect(validateStep(complete({ contactPhone: "0792-8881234" }), STEP.contact)).toEqual({});
  });

  it("makes people choose on confidentiality rather than assuming", () => {
    expect(
      validateStep(complete({ confidential: null }), STEP.confidential).confidential,
    ).toBeDefined();
    expect(validateStep(complete({ confidential: true }), STEP.confidential)).toEqual({});
  });

  it("finds the first incomplete step for the review page", () => {
    expect(firstInvalidStep(complete())).toBe(-1);
    expect(firstInvalidStep(complete({ contactPhone: "" }))).toBe(STEP.contact);
    expect(firstInvalidStep(complete({ barrierType: null, town: null }))).toBe(STEP.barrier);
  });
});

describe("draftToBody", () => {
  it("builds the contract's body: trimmed text, item only on the list, business only when named", () => {
    const body = draftToBody(
      complete({
        title: "  标题  ",
        listScope: "on_list",
        listItem: { code: "S2048", name: "食品经营" },
        businessName: "某小吃店",
        creditCode: ` ${validCode.toLowerCase()} `,
        photos: [{ key: "k", path: "blob:x", uploadId: "upload_0123456789abcd" }],
        confidential: true,
      }),
    );
    expect(body).toMatchObject({
      barrierType: "B05",
      title: "标题",
      listScope: "on_list",
      listItemCode: "S2048",
      business: { name: "某小吃店", creditCode: validCode },
      evidence: ["upload_0123456789abcd"],
      contact: { name: "张三", phone: "13812345678" },
      confidential: true,
    });
    const plain = draftToBody(complete({ listItem: { code: "S2048", name: "食品经营" } }));
    expect(plain.listItemCode).toBeNull();
    expect(plain.business).toBeUndefined();
  });
});

describe("draft persistence", () => {
  it("keeps every change in storage, so leaving the page loses nothing", () => {
    const d = updateDraft({ barrierType: "B07", title: "外地企业投标受限" });
    const stored = JSON.parse(String(Taro.getStorageSync(DRAFT_STORAGE_KEY))) as ComplaintDraft;
    expect(stored.title).toBe("外地企业投标受限");
    expect(stored.idempotencyKey).toBe(d.idempotencyKey);

    // A new launch of the app reads it back with the same idempotency key.
    const raw = Taro.getStorageSync(DRAFT_STORAGE_KEY);
    jest.isolateModules(() => {
      // The device's storage outlives the app: hand the stored text to the fresh instance.
      /* eslint-disable @typescript-eslint/no-require-imports */
      (require("@tarojs/taro") as { default: typeof Taro }).default.setStorageSync(
        DRAFT_STORAGE_KEY,
        raw,
      );
      const fresh =
        require("@/packages/complaint/new/draft") as typeof import("@/packages/complaint/new/draft");
      expect(fresh.draftStore.get()?.title).toBe("外地企业投标受限");
      expect(fresh.draftStore.get()?.idempotencyKey).toBe(d.idempotencyKey);
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
  });

  it("keeps one idempotency key through edits and drops the draft when discarded", () => {
    const first = updateDraft({ barrierType: "B01" });
    const later = updateDraft({ description: "改了又改的经过描述内容" });
    expect(later.idempotencyKey).toBe(first.idempotencyKey);
    expect(draftHasContent(later)).toBe(true);
    discardDraft();
    expect(draftStore.get()).toBeNull();
    expect(JSON.parse(String(Taro.getStorageSync(DRAFT_STORAGE_KEY)))).toBeNull();
    expect(updateDraft({}).idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it("an item from the 反映问题 button is applied without losing what was typed", () => {
    const d = withListItem(complete({ listScope: "unsure" }), { code: "S2048", name: "食品经营" });
    expect(d.listScope).toBe("on_list");
    expect(d.listItem).toEqual({ code: "S2048", name: "食品经营" });
    expect(d.title).toBe("办证被要求额外材料");
  });
});

describe("newIdempotencyKey", () => {
  it("fits the contract's pattern and differs between drafts", () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
