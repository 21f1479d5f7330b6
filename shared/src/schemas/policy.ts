import { z } from "zod";
import { IsoDateTime, ObjectIdString, PageQuery, text } from "./common";
import { DepartmentSummary } from "./user";
import { ItemCodeSchema, Segment } from "./list";

/** Categories of the policy feed (政策动态). */
export const POLICY_CATEGORIES = ["清单动态", "政策解读", "行业信息", "庐山发布", "典型案例通报"] as const;
export const PolicyCategorySchema = z.enum(POLICY_CATEGORIES).meta({ id: "PolicyCategory" });
export type PolicyCategory = z.infer<typeof PolicyCategorySchema>;

/** What staff may write by hand: 清单动态 is also written by the system, 庐山发布 only comes from the official account. */
export const STAFF_WRITABLE_CATEGORIES: readonly PolicyCategory[] = ["清单动态", "政策解读", "行业信息", "典型案例通报"];
/** What a department administrator may draft for their department. */
export const DEPARTMENT_WRITABLE_CATEGORIES: readonly PolicyCategory[] = ["政策解读", "行业信息"];

export const POST_STATUSES = ["draft", "scheduled", "published", "unpublished"] as const;
export const PostStatusSchema = z.enum(POST_STATUSES).meta({ id: "PostStatus" });
export type PostStatus = z.infer<typeof PostStatusSchema>;
export const PostStatusLabels: Record<PostStatus, string> = { draft: "草稿", scheduled: "定时发布", published: "已发布", unpublished: "已撤下" };

/** Where a post comes from: written by staff, generated from a list edition, synced from 庐山发布. */
export const PostSourceSchema = z.enum(["staff", "system", "wechat"]);
export type PostSource = z.infer<typeof PostSourceSchema>;

export const PolicyValidation = {
  maxTitle: 64,
  maxSummary: 200,
  /** Sanitised HTML, characters. */
  maxBody: 100_000,
  maxTags: 20,
  maxItems: 100,
  maxAttachments: 20,
} as const;

/** An https link (images, attachments, covers). */
export const HttpsUrl = z
  .string()
  .trim()
  .max(1_000, "链接过长")
  .refine((s) => {
    try {
      return new URL(s).protocol === "https:";
    } catch {
      return false;
    }
  }, "链接必须是 https 地址");

export const PostAttachment = z.object({ title: z.string(), url: z.string() }).meta({ id: "PostAttachment" });

export const PostTags = z
  .object({
    industries: z.array(z.string()),
    items: z.array(z.string()),
  })
  .meta({ id: "PostTags" });

/** A post in the feed. */
export const PostSummary = z
  .object({
    id: ObjectIdString,
    category: PolicyCategorySchema,
    title: z.string(),
    summary: z.string(),
    cover: z.string().nullable(),
    source: PostSourceSchema,
    department: DepartmentSummary.nullable(),
    author: z.string().nullable(),
    tags: PostTags,
    publishedAt: IsoDateTime.nullable(),
    /** 庐山发布 articles open the official-account article instead of a post page. */
    externalUrl: z.string().nullable(),
    /** Explains the product or uses demonstration data: clients say 示例. */
    sample: z.boolean(),
    highlights: z.object({ title: z.array(Segment), summary: z.array(Segment) }).optional(),
  })
  .meta({ id: "PostSummary" });
export type PostSummary = z.infer<typeof PostSummary>;

/** A post page. */
export const PostDetail = PostSummary.extend({
  /** Sanitised HTML (allow-list): safe to render with rich-text / v-html. */
  body: z.string(),
  attachments: z.array(PostAttachment),
  /** Tagged list items with their names in the active edition (null when no longer listed). */
  items: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  version: z.number().int(),
  updatedAt: IsoDateTime,
}).meta({ id: "PostDetail" });
export type PostDetail = z.infer<typeof PostDetail>;

export const PolicyFeedQuery = PageQuery.extend({
  category: PolicyCategorySchema.optional(),
  q: z.string().trim().max(100, "搜索内容不能超过 100 个字").optional(),
  /** An industry or a list item code the posts are tagged with. */
  tag: z.string().trim().min(1).max(40).optional(),
});

export const PolicyFeedResponse = z
  .object({
    items: z.array(PostSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ category: z.array(z.object({ value: z.string(), count: z.number().int() })) }),
    didYouMean: z.string().nullable(),
  })
  .meta({ id: "PolicyFeedResponse" });
export type PolicyFeedResponse = z.infer<typeof PolicyFeedResponse>;

export const PostAbilities = z.object({ update: z.boolean(), publish: z.boolean(), unpublish: z.boolean() });

/** A post as the workbench sees it. */
export const StaffPostView = PostDetail.extend({
  status: PostStatusSchema,
  publishAt: IsoDateTime.nullable(),
  unpublishedAt: IsoDateTime.nullable(),
  unpublishReason: z.string().nullable(),
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
  abilities: PostAbilities,
}).meta({ id: "StaffPostView" });
export type StaffPostView = z.infer<typeof StaffPostView>;

export const StaffPostListItem = PostSummary.extend({
  status: PostStatusSchema,
  publishAt: IsoDateTime.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
  abilities: PostAbilities,
}).meta({ id: "StaffPostListItem" });

export const StaffPostsQuery = PageQuery.extend({
  status: PostStatusSchema.optional(),
  category: PolicyCategorySchema.optional(),
  q: z.string().trim().max(100).optional(),
});

const TagValue = z.string().trim().min(1, "标签不能为空").max(40, "标签不能超过 40 个字");

/** Fields staff write; the body is HTML and is sanitised on the server. */
export const PostWriteFields = z.strictObject({
  category: PolicyCategorySchema,
  title: text(PolicyValidation.maxTitle, "标题"),
  summary: z.string().trim().max(PolicyValidation.maxSummary, `摘要不能超过 ${PolicyValidation.maxSummary} 个字`).default(""),
  body: z.string().min(1, "正文不能为空").max(PolicyValidation.maxBody, "正文过长"),
  cover: HttpsUrl.nullable().default(null),
  tags: z
    .strictObject({
      industries: z.array(TagValue).max(PolicyValidation.maxTags, `行业标签最多 ${PolicyValidation.maxTags} 个`).default([]),
      items: z.array(ItemCodeSchema).max(PolicyValidation.maxItems, `关联事项最多 ${PolicyValidation.maxItems} 个`).default([]),
    })
    .default({ industries: [], items: [] }),
  attachments: z
    .array(z.strictObject({ title: text(60, "附件名称"), url: HttpsUrl }))
    .max(PolicyValidation.maxAttachments, `附件最多 ${PolicyValidation.maxAttachments} 个`)
    .default([]),
  /** Department the post is published for (coordinators and administrators; department admins write for their own). */
  department: z.string().trim().regex(/^[a-z][a-z0-9]{1,19}$/, "部门代码格式不正确").nullable().optional(),
});
export type PostWriteInput = z.input<typeof PostWriteFields>;

export const PostCreateBody = PostWriteFields;
export const PostUpdateBody = PostWriteFields.partial().extend({
  /** The version the editor started from; a newer one means someone else saved first (409). */
  expectedVersion: z.number().int().min(1),
  note: z.string().trim().max(200).optional(),
});

export const PostPublishBody = z.strictObject({
  /** Publish later (定时发布); absent or past means now. */
  at: IsoDateTime.optional(),
});

export const PostUnpublishBody = z.strictObject({ reason: text(200, "撤下原因") });

export const PostVersionView = z
  .object({
    version: z.number().int(),
    title: z.string(),
    category: PolicyCategorySchema,
    summary: z.string(),
    body: z.string(),
    tags: PostTags,
    attachments: z.array(PostAttachment),
    editedBy: z.string().nullable(),
    editedAt: IsoDateTime,
    note: z.string().nullable(),
  })
  .meta({ id: "PostVersion" });

export const PostIdParams = z.strictObject({ id: ObjectIdString });
