import { policiesContract } from "@lushan/shared";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import { postRepository } from "../../models/post/post.repository";
import { presentFeedPost, presentPostDetail } from "../../presenters/post";
import type { Services } from "../../services";
import { register, type ApiRouter } from "../register";

/** Names of list items in the active edition (empty when no edition is loaded). */
export async function itemNamesOf(services: Services, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const active = await services.list.getActive().catch(() => null);
  const out = new Map<string, string>();
  for (const code of codes) {
    const item = active?.byCode.get(code);
    if (item) out.set(code, item.name);
  }
  return out;
}

/** The public policy feed (政策动态). */
export function policyRoutes(router: ApiRouter): void {
  register(router, policiesContract.list, async (ctx) => {
    const { q, category, tag, page, pageSize } = ctx.input.query;
    const result = await ctx.services.posts.search({ q, category, tag, page, pageSize });
    const departments = await departmentRepository.findByIds(result.hits.flatMap((h) => (h.doc.departmentId ? [h.doc.departmentId] : [])));
    return {
      items: result.hits.map((h) => presentFeedPost(h.doc, departments, q ? h.highlights : undefined)),
      total: result.total,
      page,
      pageSize,
      facets: { category: result.categories },
      didYouMean: result.didYouMean,
    };
  });

  register(router, policiesContract.get, async (ctx) => {
    const post = await postRepository.findById(ctx.input.params.id);
    // Drafts, scheduled and withdrawn posts do not exist for the public.
    if (!post || post.status !== "published") throw NotFoundError("该动态不存在或已撤下");
    const departments = await departmentRepository.findByIds(post.departmentId ? [post.departmentId] : []);
    return presentPostDetail(post, departments, await itemNamesOf(ctx.services, post.tags?.items ?? []));
  });
}
