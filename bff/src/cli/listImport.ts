import { readFileSync } from "node:fs";
import path from "node:path";
import "../models";
import { editionActivator, editionItems } from "../commands/editionActivator";
import { editionDraftWriter } from "../commands/editionDraftWriter";
import { loadConfig } from "../config";
import { connectDatabase } from "../db/connect";
import { diffEditions } from "../list/editionDiff";
import { parseEditionFile } from "../list/import/parseEdition";
import { createLogger } from "../logger";
import { ListEditionModel } from "../models/listEdition/listEdition.schema";

const USAGE = `用法：npm run list:import -- <文件.xlsx|.csv|.json> --edition <版本代码，如 2025> [--title "市场准入负面清单（2025年版）"] [--activate]`;

interface Args {
  file: string;
  edition: string;
  title?: string;
  activate: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> & { activate: boolean } = { activate: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--edition") out.edition = argv[++i];
    else if (a === "--title") out.title = argv[++i];
    else if (a === "--activate") out.activate = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (!a.startsWith("--") && !out.file) out.file = a;
    else throw new Error(`无法识别的参数：${a}\n${USAGE}`);
  }
  if (!out.file || !out.edition) throw new Error(USAGE);
  if (!/^[a-z0-9][a-z0-9-]{1,31}$/i.test(out.edition)) throw new Error("版本代码只能包含字母、数字和短横线，如 2025");
  return out as Args;
}

/** Imports an official list edition from the command line, with progress and row-numbered errors. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  const buffer = readFileSync(file);
  const started = Date.now();
  let lastShown = -1;
  const parsed = await parseEditionFile(buffer, file, (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct >= lastShown + 10 || done === total) {
      lastShown = pct;
      process.stderr.write(`读取中：${done}/${total} 行（${pct}%）\n`);
    }
  });
  for (const w of parsed.warnings) console.warn(`提示 ${w.message}`);
  if (parsed.errors.length) {
    for (const e of parsed.errors) console.error(`错误 ${e.message}`);
    console.error(`导入失败：共 ${parsed.errors.length} 处错误，未写入任何数据。`);
    process.exit(1);
  }
  console.log(`解析完成：${parsed.items.length} 个事项、${parsed.items.reduce((n, i) => n + i.measures.length, 0)} 条措施（${Date.now() - started} ms）`);
  const config = loadConfig({ ...process.env, SEED: "false", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const db = await connectDatabase(config, createLogger(config.logLevel));
  try {
    const title = args.title ?? `市场准入负面清单（${args.edition}年版）`;
    await editionDraftWriter({ code: args.edition, title, items: parsed.items, source: path.basename(file), notice: parsed.notice ?? null });
    console.log(`已写入草稿版本 ${args.edition}「${title}」`);
    const active = await ListEditionModel.findOne({ status: "active" }).lean();
    if (active && active.code !== args.edition) {
      const diff = diffEditions(await editionItems(active.code), await editionItems(args.edition));
      console.log(`与现行版本 ${active.code} 相比：新增 ${diff.added.length} 项，删除 ${diff.removed.length} 项，变化 ${diff.changed.length} 项，未变 ${diff.unchanged} 项`);
      for (const c of diff.changed.slice(0, 20)) {
        console.log(`  · ${c.code} ${c.name}：${c.fields.join("、")}${c.measuresAdded.length ? `；新增措施 ${c.measuresAdded.length} 条` : ""}${c.measuresRemoved.length ? `；删除措施 ${c.measuresRemoved.length} 条` : ""}`);
      }
    }
    if (args.activate) {
      await editionActivator(args.edition, null);
      console.log(`已启用版本 ${args.edition}；运行中的服务会在数秒内切换到新版本。`);
    } else {
      console.log(`如需启用：npm run list:import -- ${args.file} --edition ${args.edition} --activate（或在管理接口中启用）`);
    }
  } finally {
    await db.close();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
