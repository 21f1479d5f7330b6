/**
 * A synthetic edition for load tests: realistic Chinese item names and measures built from
 * industry, object and action vocabularies, in the official six-column CSV layout.
 */
const OBJECTS = ["食品", "药品", "燃气", "建材", "电子产品", "化工原料", "农产品", "文化用品", "医疗器械", "运输服务", "旅游服务", "培训服务", "金融服务", "网络服务", "能源设施", "水利工程", "矿产资源", "特种设备", "出版物", "演出活动"];
const ACTIONS = ["生产", "经营", "批发", "零售", "运输", "仓储", "进口", "加工", "回收", "检测"];
const DEPTS = ["市场监管总局", "商务部", "交通运输部", "国家卫生健康委", "应急管理部", "文化和旅游部", "农业农村部", "住房城乡建设部"];

export function syntheticEditionCsv(count: number): Buffer {
  const lines = ["项目号,禁止或许可事项,事项编码,禁止或许可准入措施描述,主管部门,地方性许可事项"];
  for (let i = 0; i < count; i++) {
    const obj = OBJECTS[i % OBJECTS.length];
    const act = ACTIONS[Math.floor(i / OBJECTS.length) % ACTIONS.length];
    const variant = Math.floor(i / (OBJECTS.length * ACTIONS.length));
    const code = String(200000 + i).padStart(6, "0");
    const name = `未获得许可，不得从事第${variant + 1}类${obj}${act}`;
    const measure = `第${variant + 1}类${obj}${act}许可证核发（${obj}${act}单位设立审批）`;
    lines.push([i + 1, `"${name}"`, code, `"${measure}"`, DEPTS[i % DEPTS.length], ""].join(","));
  }
  return Buffer.from(lines.join("\n"), "utf8");
}
