import { BARRIER_TYPES, CASE_KIND_LABELS } from "@lushan/shared";
import type { TypicalCaseRecord } from "../models/typicalCase/typicalCase.schema";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function paragraphs(text: string): string {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("");
}

/**
 * The post of category 典型案例通报 for a case: the anonymised text as HTML (escaped, then
 * sanitised again by the post writer), with the problem type and the source.
 * @param c the case.
 * @returns title, summary and body for the post writer.
 */
export function casePostContent(c: TypicalCaseRecord): { title: string; summary: string; body: string } {
  const type = c.barrierType ? BARRIER_TYPES.find((t) => t.code === c.barrierType) : undefined;
  const facts = [
    `<p><strong>地点：</strong>${escapeHtml(c.locality)}</p>`,
    c.authority ? `<p><strong>被通报单位：</strong>${escapeHtml(c.authority)}</p>` : "",
    `<p><strong>案例类别：</strong>${escapeHtml(CASE_KIND_LABELS[c.kind])}</p>`,
    type ? `<p><strong>问题类型：</strong>${escapeHtml(`${type.code} ${type.name}`)}</p>` : "",
  ].join("");
  const body = [
    facts,
    `<h3>基本案情</h3>${paragraphs(c.summary)}`,
    c.handling ? `<h3>处理情况</h3>${paragraphs(c.handling)}` : "",
    c.lesson ? `<h3>警示意义</h3>${paragraphs(c.lesson)}` : "",
    `<p><strong>来源：</strong>${escapeHtml(c.source.label)}${c.batch ? `（${escapeHtml(c.batch)}）` : ""}</p>`,
  ].join("");
  const summary = [...c.summary.replace(/\s+/g, " ")].slice(0, 120).join("");
  return { title: [...c.title].slice(0, 64).join(""), summary, body };
}
