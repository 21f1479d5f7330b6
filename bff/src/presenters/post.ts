import type { PolicyCategory, PostDetail, PostStatus, PostSummary, StaffPostView } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { PostRecord } from "../models/post/post.schema";
import type { PostVersionRecord } from "../models/postVersion/postVersion.schema";
import type { FeedPost } from "../posts/postFeed";
import type { Segment } from "../search/highlight";
import { presentDepartmentSummary } from "./department";

type Departments = Map<string, DepartmentRecord>;

function department(id: { toHexString(): string } | null | undefined, departments: Departments) {
  const d = id ? departments.get(id.toHexString()) : undefined;
  return d ? presentDepartmentSummary(d) : null;
}

/**
 * A feed entry from the search index, with highlights when a query matched.
 * @param post the indexed post.
 * @param departments departments by id.
 * @param highlights title and summary segments.
 * @returns the public summary.
 */
export function presentFeedPost(post: FeedPost, departments: Departments, highlights?: Record<string, Segment[]>): PostSummary {
  return {
    id: post.id,
    category: post.category,
    title: post.title,
    summary: post.summary,
    cover: post.cover,
    source: post.source,
    department: department(post.departmentId, departments),
    author: post.author,
    tags: { industries: post.industries, items: post.items },
    publishedAt: post.publishedAt.toISOString(),
    externalUrl: post.externalUrl,
    sample: post.sample,
    ...(highlights ? { highlights: { title: highlights.title ?? [{ text: post.title, hit: false }], summary: highlights.summary ?? [{ text: post.summary, hit: false }] } } : {}),
  };
}

/** The summary part of a stored post. */
export function presentPostSummary(post: PostRecord, departments: Departments): PostSummary {
  return {
    id: post._id.toHexString(),
    category: post.category as PolicyCategory,
    title: post.title,
    summary: post.summary,
    cover: post.cover ?? null,
    source: post.source as PostSummary["source"],
    department: department(post.departmentId, departments),
    author: post.author ?? null,
    tags: { industries: post.tags?.industries ?? [], items: post.tags?.items ?? [] },
    publishedAt: post.publishedAt ? post.publishedAt.toISOString() : null,
    externalUrl: post.externalUrl ?? null,
    sample: post.sample,
  };
}

/**
 * A post page.
 * @param post the stored post.
 * @param departments departments by id.
 * @param itemNames names of tagged list items in the active edition.
 * @returns the public detail.
 */
export function presentPostDetail(post: PostRecord, departments: Departments, itemNames: Map<string, string>): PostDetail {
  return {
    ...presentPostSummary(post, departments),
    body: post.body,
    attachments: (post.attachments ?? []).map((a) => ({ title: a.title, url: a.url })),
    items: (post.tags?.items ?? []).map((code) => ({ code, name: itemNames.get(code) ?? null })),
    version: post.version,
    updatedAt: post.updatedAt.toISOString(),
  };
}

/** A post as the workbench shows it, with what the viewer may do. */
export function presentStaffPost(post: PostRecord, departments: Departments, itemNames: Map<string, string>, abilities: StaffPostView["abilities"]): StaffPostView {
  return {
    ...presentPostDetail(post, departments, itemNames),
    status: post.status as PostStatus,
    publishAt: post.publishAt ? post.publishAt.toISOString() : null,
    unpublishedAt: post.unpublishedAt ? post.unpublishedAt.toISOString() : null,
    unpublishReason: post.unpublishReason ?? null,
    createdAt: post.createdAt.toISOString(),
    createdBy: post.createdBy ? post.createdBy.toHexString() : null,
    abilities,
  };
}

/** A saved version. */
export function presentPostVersion(v: PostVersionRecord) {
  return {
    version: v.version,
    title: v.title,
    category: v.category as PolicyCategory,
    summary: v.summary,
    body: v.body,
    tags: { industries: v.tags?.industries ?? [], items: v.tags?.items ?? [] },
    attachments: (v.attachments ?? []).map((a) => ({ title: a.title ?? "", url: a.url ?? "" })),
    editedBy: v.editedBy ? v.editedBy.toHexString() : null,
    editedAt: v.editedAt.toISOString(),
    note: v.note ?? null,
  };
}
