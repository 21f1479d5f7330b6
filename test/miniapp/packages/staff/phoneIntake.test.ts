import { ComplaintCreateBody } from "@lushan/shared/schemas/complaint";
import {
  EMPTY_PHONE_DRAFT,
  phoneComplaintBody,
  validatePhoneDraft,
  type PhoneDraft,
} from "@/packages/staff/phone-intake/form";

const filled: PhoneDraft = {
  ...EMPTY_PHONE_DRAFT,
  callerName: "李女士",
  callerPhone: "0792-2345678",
  barrierType: "B05",
  title: "办食品经营许可被要求额外证明",
  description: "窗口要求提供房东同意书和无违法记录证明才受理。",
  accusedName: "某局政务服务窗口",
  town: "白鹿镇",
};

describe("phone intake form", () => {
  it("says what is missing, in Chinese, before anything is sent", () => {
    const errors = validatePhoneDraft(EMPTY_PHONE_DRAFT);
    expect(errors).toMatchObject({
      callerName: "请填写来电人姓名",
      callerPhone: "请填写正确的手机号或固定电话",
      barrierType: "请选择问题类型",
      title: "请填写标题",
      description: "问题描述至少 10 个字",
      accusedName: "请填写被反映的单位",
      town: "请选择乡镇（街道）",
    });
    expect(validatePhoneDraft(filled)).toEqual({});
  });

  it("checks the credit code's check character", () => {
    expect(
      validatePhoneDraft({ ...filled, businessName: "某餐饮店", creditCode: "91360000MA35XXXX1X" })
        .creditCode,
    ).toBe("统一社会信用代码不正确，请核对 18 位代码");
  });

  it("builds a body the intake contract accepts: unsure without an item, on_list with one", () => {
    const unsure = ComplaintCreateBody.parse(phoneComplaintBody(filled));
    expect(unsure).toMatchObject({
      listScope: "unsure",
      listItemCode: null,
      confidential: false,
      evidence: [],
    });
    const onList = ComplaintCreateBody.parse(
      phoneComplaintBody({
        ...filled,
        itemCode: "101001",
        confidential: true,
        accusedDepartment: "scjg",
        businessName: "某餐饮店",
      }),
    );
    expect(onList).toMatchObject({
      listScope: "on_list",
      listItemCode: "101001",
      confidential: true,
      accusedDepartment: "scjg",
      business: { name: "某餐饮店" },
      contact: { name: "李女士", phone: "0792-2345678" },
    });
  });
});
