import { readFileSync } from "node:fs";
import path from "node:path";
import { editionActivator } from "../commands/editionActivator";
import { editionDraftWriter } from "../commands/editionDraftWriter";
import { approvalCentreCode, localDepartmentCode } from "../list/departmentMapping";
import { parseEditionFile } from "../list/import/parseEdition";
import { shortName } from "../list/listIndex";
import { DepartmentModel } from "../models/department/department.schema";
import { GuideModel } from "../models/guide/guide.schema";
import { ListEditionModel } from "../models/listEdition/listEdition.schema";
import type { Seeder } from "./seeder";

export const SAMPLE_EDITION = "sample";
const SAMPLE_FILE = path.resolve(__dirname, "../../data/negative-list-sample.json");

/**
 * The labelled sample list as the "sample" edition, active until an official edition is imported,
 * with one sample guide per item at its mapped 庐山市 department. Guide texts only state what holds
 * for every administrative licence (《行政许可法》 procedure and statutory time limit) and point to
 * the department's own published guide for the rest.
 */
export const sampleListSeeder: Seeder = {
  name: "sampleList",
  async run() {
    if (await ListEditionModel.exists({ code: SAMPLE_EDITION })) return "示例清单已存在";
    const parsed = await parseEditionFile(readFileSync(SAMPLE_FILE), SAMPLE_FILE);
    if (parsed.errors.length) throw new Error(`示例清单数据有误：${parsed.errors[0].message}`);
    await editionDraftWriter({
      code: SAMPLE_EDITION,
      title: "市场准入负面清单（示例数据，非官方原文）",
      items: parsed.items,
      sample: true,
      notice: parsed.notice ?? "本清单为演示用示例数据，不是官方原文，不得作为办事、审批或执法依据。",
      source: "bff/data/negative-list-sample.json",
    });
    const hasActive = await ListEditionModel.exists({ status: "active" });
    if (!hasActive) await editionActivator(SAMPLE_EDITION, null);
    const departments = new Map((await DepartmentModel.find({}, { code: 1 }).lean()).map((d) => [d.code, d._id]));
    const guides = parsed.items
      .filter((i) => i.category === "许可准入类")
      .map((item) => {
        const code = localDepartmentCode(item.departments) ?? approvalCentreCode();
        return { item, departmentId: departments.get(code) };
      })
      .filter((g) => g.departmentId)
      .map(({ item, departmentId }) => ({
        itemCode: item.code,
        departmentId,
        title: `${shortName(item.name)}办事指南（示例）`,
        materials: ["申请书", "申请人主体资格证明（营业执照或身份证明）", "法律、法规规定的与许可条件相关的材料（以承办部门公布的清单为准）"],
        process: [
          "提出申请：线上通过“赣服通”或江西政务服务网，线下到庐山市政务服务中心窗口",
          "受理：材料齐全、符合法定形式的当场或在 5 个工作日内受理",
          "审查：必要时进行现场核查",
          "决定：依法作出准予或不予许可的书面决定",
          "送达：领取许可证件",
        ],
        timeLimit: "法定期限 20 个工作日，经批准可延长 10 个工作日（《中华人民共和国行政许可法》第四十二条）；承诺时限以承办部门公布为准",
        legalBasis: ["《中华人民共和国行政许可法》", "设定依据以官方清单及相关法律、行政法规为准"],
        promiseAcceptance: { applicable: false, note: "是否实行告知承诺以承办部门公布为准" },
        toleranceAcceptance: { applicable: false, note: "是否可容缺受理以承办部门公布为准" },
        sample: true,
      }));
    if (guides.length) await GuideModel.insertMany(guides, { ordered: false });
    return `示例清单 ${parsed.items.length} 项、示例办事指南 ${guides.length} 份`;
  },
};
