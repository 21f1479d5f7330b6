import { DepartmentModel } from "../models/department/department.schema";
import type { Seeder } from "./seeder";

/**
 * Departments of 庐山市 as sample configuration (marked `sample`): names and codes to be checked
 * and completed (phones, extra offices) on deployment.
 */
export const SAMPLE_DEPARTMENTS = [
  { code: "fgw", name: "庐山市发展和改革委员会", shortName: "市发改委" },
  { code: "swj", name: "庐山市商务局", shortName: "市商务局" },
  { code: "scjgj", name: "庐山市市场监督管理局", shortName: "市市场监管局" },
  { code: "xzspj", name: "庐山市行政审批局", shortName: "市行政审批局" },
  { code: "wglj", name: "庐山市文化广电新闻出版旅游局", shortName: "市文广新旅局" },
  { code: "jtysj", name: "庐山市交通运输局", shortName: "市交通运输局" },
  { code: "zjj", name: "庐山市住房和城乡建设局", shortName: "市住建局" },
  { code: "wjw", name: "庐山市卫生健康委员会", shortName: "市卫健委" },
  { code: "yjglj", name: "庐山市应急管理局", shortName: "市应急管理局" },
  { code: "gaj", name: "庐山市公安局", shortName: "市公安局" },
  { code: "zrzyj", name: "庐山市自然资源局", shortName: "市自然资源局" },
  { code: "sthjj", name: "庐山市生态环境局", shortName: "市生态环境局" },
  { code: "nyncj", name: "庐山市农业农村局", shortName: "市农业农村局" },
  { code: "jytyj", name: "庐山市教育体育局", shortName: "市教体局" },
  { code: "rsj", name: "庐山市人力资源和社会保障局", shortName: "市人社局" },
  { code: "rx12345", name: "庐山市12345政务服务便民热线中心", shortName: "12345热线" },
] as const;

export type SampleDepartmentCode = (typeof SAMPLE_DEPARTMENTS)[number]["code"];

export const departmentsSeeder: Seeder = {
  name: "departments",
  async run() {
    const ops = SAMPLE_DEPARTMENTS.map((d, i) => ({
      updateOne: {
        filter: { code: d.code },
        update: { $setOnInsert: { ...d, sample: true, active: true, order: (i + 1) * 10, phone: null } },
        upsert: true,
      },
    }));
    const res = await DepartmentModel.bulkWrite(ops, { ordered: false });
    return `${res.upsertedCount} 个新部门`;
  },
};
