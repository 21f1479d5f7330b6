import { staffPoliciesContract } from "@lushan/shared";
import { facts, postCreator, postUpdater } from "../../commands/postWriter";
import { postPublisher, postUnpublisher } from "../../commands/postPublisher";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import type { PostRecord } from "../../models/post/post.schema";
import { postRepository } from "../../models/post/post.repository";
import { postPolicy } from "../../policies/post";
import { departmentScopeFor } from "../../policies/predicates";
import { presentPostSummary, presentPostVersion, presentStaffPost } from "../../presenters/post";
import type { Services } from "../../services";
import type { Actor } from "../../types";
import { itemNamesOf } from "../policies/policies";
import { register, type ApiRouter } from "../register";

async function present(actor: Actor, post: PostRecord, services: Services) {
  const departments = await departmentRepository.findByIds(post.departmentId ? [post.departmentId] : []);
  return presentStaffPost(post, departments, await itemNamesOf(services, post.tags?.items ?? []), abilities(actor, post));
}

function abilities(actor: Actor, post: PostRecord) {
  const { update, publish, unpublish } = postPolicy.abilities(actor, facts(post));
  return { update, publish, unpublish };
}

async function loadVisible(actor: Actor, id: string): Promise<PostRecord> {
  const post = await postRepository.findById(id);
  if (!post) throw NotFoundError("稿件不存在");
  postPolicy.authorize(actor, "read", facts(post), { hide: true });
  return post;
}

/** Writing, scheduling and publishing posts in the workbench. */
export function staffPolicyRoutes(router: ApiRouter): void {
  register(router, staffPoliciesContract.list, async (ctx) => {
    const actor = ctx.state.actor!;
    const { status, category, q, page, pageSize } = ctx.input.query;
    const { items, total } = await postRepository.listForStaff(departmentScopeFor(actor), { status, category, q }, { page, pageSize });
    const departments = await departmentRepository.findByIds(items.flatMap((p) => (p.departmentId ? [p.departmentId] : [])));
    return {
      items: items.map((p) => ({
        ...presentPostSummary(p, departments),
        status: p.status as "draft" | "scheduled" | "published" | "unpublished",
        publishAt: p.publishAt ? p.publishAt.toISOString() : null,
        version: p.version,
        updatedAt: p.updatedAt.toISOString(),
        abilities: abilities(actor, p),
      })),
      total,
      page,
      pageSize,
    };
  });

  register(router, staffPoliciesContract.get, async (ctx) => present(ctx.state.actor!, await loadVisible(ctx.state.actor!, ctx.input.params.id), ctx.services));

  register(router, staffPoliciesContract.create, async (ctx) => {
    const post = await postCreator(ctx.state.actor!, ctx.input.body, ctx.state.requestId);
    return present(ctx.state.actor!, post, ctx.services);
  });

  register(router, staffPoliciesContract.update, async (ctx) => {
    const post = await postUpdater(ctx.state.actor!, ctx.input.params.id, ctx.input.body, ctx.services, ctx.state.requestId);
    return present(ctx.state.actor!, post, ctx.services);
  });

  register(router, staffPoliciesContract.publish, async (ctx) => {
    const at = ctx.input.body.at ? new Date(ctx.input.body.at) : undefined;
    const post = await postPublisher(ctx.state.actor!, ctx.input.params.id, at, ctx.services, ctx.state.requestId);
    return present(ctx.state.actor!, post, ctx.services);
  });

  register(router, staffPoliciesContract.unpublish, async (ctx) => {
    const post = await postUnpublisher(ctx.state.actor!, ctx.input.params.id, ctx.input.body.reason, ctx.services, ctx.state.requestId);
    return present(ctx.state.actor!, post, ctx.services);
  });

  register(router, staffPoliciesContract.versions, async (ctx) => {
    const post = await loadVisible(ctx.state.actor!, ctx.input.params.id);
    return { items: (await postRepository.versions(post._id)).map(presentPostVersion) };
  });
}
