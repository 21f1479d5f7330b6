
import { withTransaction } from "../db/transaction";
import { diffEditions, type Diff } from "../list/editionDiff";
import type { ListItemData } from "../list/listItem";
import { ListEditionModel, type ListEditionRecord } from "../models/listEdition/listEdition.schema";
import { PostModel, type PostRecord } from "../models/post/post.schema";
import { postRepository } from "../models/post/post.repository";
import { htmlToText, sanitizePostHtml, summarize } from "../posts/sanitizeHtml";
import { publishInTransaction } from "../posts/publication";
import { editionItems } from "./editionActivator";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Items listed in full in the post; longer lists are summarised by count. */
const LISTED = 50;

function section(title: string, rows: string[], total: number): string {
  if (total === 0) return "";
  const more = total > rows.length ? `<li>……等共 ${total} 项</li>` : "";
  return `<h3>${escape(title)}（${total} 项）</h3><ul>${rows.join("")}${more}</ul>`;
}

function itemLine(i: Pick<ListItemData, "code" | "name">, extra = ""): string {
  return `<li>${escape(i.name)}（事项编码 ${escape(i.code)}）${extra}</li>`;
}

/** The 清单动态 text for an edition change. */
export function editionPostContent(edition: ListEditionRecord, previous: ListEditionRecord | null, items: ListItemData[], diff: Diff | null) {
  const sampleNote = edition.sample ? "<p>说明：当前启用的是示例数据，仅用于演示，不是官方发布的清单文本。</p>" : "";
  if (!previous || !diff) {
    const banned = items.filter((i) => i.category === "禁止准入类").length;
    const body = `<p>${escape(edition.title)}已启用，共 ${items.length} 个事项：禁止准入类 ${banned} 项，许可准入类 ${items.length - banned} 项。</p><p>清单之外的行业、领域、业务，各类经营主体皆可依法平等进入。</p>${sampleNote}`;
    return { title: `${edition.title}已启用`, body, itemCodes: [] as string[], industries: [] as string[] };
  }
  const changedNames = new Map(items.map((i) => [i.code, i]));
  const parts = [
    `<p>${escape(edition.title)}已启用，替代${escape(previous.title)}。与上一版相比：新增 ${diff.added.length} 项，删除 ${diff.removed.length} 项，调整 ${diff.changed.length} 项。</p>`,
    section("新增事项", diff.added.slice(0, LISTED).map((i) => itemLine(i)), diff.added.length),
    section("删除事项", diff.removed.slice(0, LISTED).map((i) => itemLine(i)), diff.removed.length),
    section(
      "调整事项",
      diff.changed.slice(0, LISTED).map((c) => itemLine(c, c.measuresAdded.length || c.measuresRemoved.length ? `：措施新增 ${c.measuresAdded.length} 条、删除 ${c.measuresRemoved.length} 条` : "")),
      diff.changed.length,
    ),
    sampleNote,
  ];
  const touched = [...diff.added, ...diff.removed, ...diff.changed.map((c) => changedNames.get(c.code) ?? { industry: "" })];
  const itemCodes = [...new Set([...diff.added, ...diff.removed, ...diff.changed].map((i) => i.code))];
  const industries = [...new Set(touched.map((i) => i.industry).filter(Boolean))];
  return { title: `${edition.title}已启用：新增 ${diff.added.length} 项、删除 ${diff.removed.length} 项、调整 ${diff.changed.length} 项`, body: parts.join(""), itemCodes, industries };
}

/**
 * Writes and publishes the 清单动态 post of a list edition activation (once per edition: its
 * origin key makes a replayed event harmless). Publishing it notifies subscribers of list changes,
 * of the changed items and of their industries.
 * @param editionCode the edition now active.
 * @param previousCode the edition it replaced.
 * @param eventActor who activated it.
 * @returns the post, or null when the edition no longer exists.
 */
export async function editionPostWriter(editionCode: string, previousCode: string | null, eventActor: string | null): Promise<PostRecord | null> {
  const key = `edition:${editionCode}${previousCode ? `:from:${previousCode}` : ""}`;
  const existing = await postRepository.findByOriginKey(key);
  if (existing) return existing;
  const edition = await ListEditionModel.findOne({ code: editionCode }).lean<ListEditionRecord>();
  if (!edition) return null;
  const previous = previousCode ? await ListEditionModel.findOne({ code: previousCode }).lean<ListEditionRecord>() : null;
  const items = await editionItems(editionCode);
  const diff = previous ? diffEditions(await editionItems(previous.code), items) : null;
  const c = editionPostContent(edition, previous, items, diff);
  const body = sanitizePostHtml(c.body);
  const text = htmlToText(body);
  try {
    return await withTransaction(async (session) => {
      const [doc] = await PostModel.create(
        [
          {
            category: "清单动态",
            title: c.title.slice(0, 64),
            summary: summarize(text),
            body,
            bodyText: text,
            tags: { industries: c.industries, items: c.itemCodes },
            source: "system",
            status: "draft",
            author: "庐山市市场准入服务",
            sample: edition.sample,
            originKey: key,
            version: 1,
          },
        ],
        { session },
      );
      const draft = doc.toObject() as PostRecord;
      await postRepository.recordVersion(draft, null, "清单版本启用时自动生成", session);
      return (await publishInTransaction(draft, session, eventActor))!;
    });
  } catch (err) {
    // A concurrent run of the same event wrote it first.
    if ((err as { code?: number }).code === 11000) return postRepository.findByOriginKey(key);
    throw err;
  }
}

