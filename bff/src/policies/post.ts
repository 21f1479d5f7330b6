import type { Types } from "mongoose";
import { DEPARTMENT_WRITABLE_CATEGORIES, Roles, STAFF_WRITABLE_CATEGORIES, type PolicyCategory, type PostStatus } from "@lushan/shared";
import type { Actor } from "../types";
import { definePolicy } from "./policy";
import { inDepartment, seesAllDepartments } from "./predicates";

/** The facts about a post the rules look at. */
export interface PostFacts {
  category: PolicyCategory;
  status: PostStatus;
  source: "staff" | "system" | "wechat";
  departmentId: Types.ObjectId | null;
}

/**
 * Who may write for which category: the 发改 coordinator and administrators write every category
 * staff may write (庐山发布 only comes from the official account); a department administrator
 * drafts 政策解读 and 行业信息 for their own department.
 * @param actor the caller.
 * @param category the post's category.
 * @param departmentId the department the post is for.
 * @returns whether the actor may write it.
 */
export function canWrite(actor: Actor, category: PolicyCategory, departmentId: Types.ObjectId | null): boolean {
  if (!STAFF_WRITABLE_CATEGORIES.includes(category)) return false;
  if (seesAllDepartments(actor)) return true;
  return actor.role === Roles.deptAdmin && DEPARTMENT_WRITABLE_CATEGORIES.includes(category) && inDepartment(actor, departmentId);
}

/**
 * Posts (政策动态). Reading in the workbench: coordinators and administrators everything,
 * department staff their department's posts. Editing: as `canWrite`, and department
 * administrators only while a post is not public (a published text changes through the
 * coordinator). Publishing, scheduling and unpublishing: coordinators and administrators.
 * Synced 庐山发布 articles are never edited here, only hidden or shown again.
 */
export const postPolicy = definePolicy<PostFacts, "read" | "update" | "publish" | "unpublish">("post", {
  read: (actor, post) => seesAllDepartments(actor) || inDepartment(actor, post.departmentId),
  update: (actor, post) =>
    post.source !== "wechat" &&
    (seesAllDepartments(actor) || ((post.status === "draft" || post.status === "unpublished") && canWrite(actor, post.category, post.departmentId))),
  publish: (actor, post) => seesAllDepartments(actor) && post.status !== "published",
  unpublish: (actor, post) => seesAllDepartments(actor) && (post.status === "published" || post.status === "scheduled"),
});
