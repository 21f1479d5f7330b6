import { readFileSync } from "node:fs";
import path from "node:path";
import { BARRIER_TYPE_CODES, type CaseKind } from "@lushan/shared";
import { typicalCaseRepository } from "../models/typicalCase/typicalCase.repository";
import type { Seeder } from "./seeder";

/** `bff/data/violation-cases.json`: 15 cases of NDRC's 通报 (batches 3, 4 and 7), with sources. */
export const VIOLATION_CASES_FILE = path.resolve(__dirname, "../../data/violation-cases.json");

interface ViolationCase {
  id: string;
  title: string;
  batch: string;
  locality: string;
  department: string | null;
  case_kind: string;
  barrier_code: string | null;
  barrier_code_note?: string;
  related_item_codes: string[];
  summary: string;
  outcome: string | null;
  source: string;
  source_quality: "reprint" | "secondary";
  source_note?: string;
}

interface ViolationCasesFile {
  source_quality_legend: Record<string, string>;
  cases: ViolationCase[];
}

/** Reads the shipped file. */
export function readViolationCases(): ViolationCasesFile {
  return JSON.parse(readFileSync(VIOLATION_CASES_FILE, "utf8")) as ViolationCasesFile;
}

/** 第七批 (通报 2024-10-28) → 国家发展改革委通报第七批, with the date when the file gives one. */
function batchOf(raw: string): { batch: string; date: Date | null } {
  const date = raw.match(/(\d{4})-(\d{2})-(\d{2})/);
  const name = raw.replace(/\s*\(.*\)\s*$/, "").trim();
  return {
    batch: `国家发展改革委通报${name}`,
    date: date ? new Date(`${date[1]}-${date[2]}-${date[3]}T00:00:00+08:00`) : null,
  };
}

/**
 * Maps one case of the file to the case library.
 * @param c the case as shipped.
 * @param legend what each source quality means.
 * @returns the fields of the stored case.
 */
export function nationalCaseFields(c: ViolationCase, legend: Record<string, string>) {
  const { batch, date } = batchOf(c.batch);
  const isUrl = /^https?:\/\//.test(c.source);
  const kind: CaseKind = c.case_kind === "经营主体违规进入" ? "violation" : "barrier";
  const code = c.barrier_code && (BARRIER_TYPE_CODES as readonly string[]).includes(c.barrier_code) ? c.barrier_code : null;
  return {
    caseNo: c.id,
    origin: "national" as const,
    kind,
    status: "published" as const,
    title: c.title,
    summary: c.summary,
    handling: c.outcome,
    lesson: null,
    barrierType: code,
    locality: c.locality,
    authority: c.department,
    batch,
    source: {
      url: isUrl ? c.source : null,
      label: isUrl ? `${batch}（第三方网页转载）` : c.source,
      quality: c.source_quality,
      note: [legend[c.source_quality], c.source_note, "发布前应逐条与国家发展改革委原通报核对。"].filter(Boolean).join(" "),
    },
    relatedItemCodes: c.related_item_codes ?? [],
    sample: true,
    publishedAt: date,
    history: [{ at: new Date(), action: "seed", actorId: null, actorRole: "system" as const, note: "自 bff/data/violation-cases.json 导入" }],
    version: 1,
  };
}

/** The 15 national cases in the library (published, marked with their sources and as 示例). */
export const typicalCasesSeeder: Seeder = {
  name: "typicalCases",
  async run() {
    const file = readViolationCases();
    for (const c of file.cases) await typicalCaseRepository.upsertSeed(`national:${c.id}`, nationalCaseFields(c, file.source_quality_legend));
    return `${file.cases.length} 个国家通报典型案例`;
  },
};
