import { defineRoute } from "../contract";
import { paged } from "../schemas/common";
import {
  AnonymityCheck,
  CaseCheckBody,
  CaseDetail,
  CaseIdParams,
  CaseListQuery,
  CaseProposeBody,
  CasePublishBody,
  CaseReasonBody,
  CaseSummary,
  CaseUpdateBody,
  StaffCaseListItem,
  StaffCaseListQuery,
  StaffCaseView,
} from "../schemas/cases";

const tags = ["典型案例"];
const STAFF = ["dept_staff", "dept_admin", "coordinator", "admin"] as const;
const EDITORS = ["coordinator", "admin"] as const;

/** The public case library (典型案例库). */
export const casesContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/cases",
    summary: "典型案例库：已通报的本市案例和国家发展改革委通报案例（注明来源）",
    tags,
    auth: "public",
    query: CaseListQuery,
    response: paged(CaseSummary),
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/cases/:id",
    summary: "典型案例详情（脱敏后的公开文本与来源）",
    tags,
    auth: "public",
    params: CaseIdParams,
    response: CaseDetail,
  }),
} as const;

/** Proposing, editing and publishing cases in the workbench. */
export const staffCasesContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/staff/cases",
    summary: "工作台：典型案例（部门人员只看本部门推荐的案例）",
    tags,
    auth: STAFF,
    query: StaffCaseListQuery,
    response: paged(StaffCaseListItem),
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/staff/cases/:id",
    summary: "工作台：案例详情、脱敏检查结果与可执行操作",
    tags,
    auth: STAFF,
    params: CaseIdParams,
    response: StaffCaseView,
  }),
  propose: defineRoute({
    method: "POST",
    path: "/api/v1/staff/cases",
    summary: "推荐已答复或办结的投诉为典型案例（承办部门人员、协调员）；初稿由系统按投诉生成并去除个人信息",
    tags,
    auth: STAFF,
    body: CaseProposeBody,
    response: StaffCaseView,
    status: 201,
    errors: ["duplicate", "invalid_transition"],
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/staff/cases/:id",
    summary: "协调员编辑脱敏后的公开文本（expectedVersion 不是最新时返回 409）",
    tags,
    auth: EDITORS,
    params: CaseIdParams,
    body: CaseUpdateBody,
    response: StaffCaseView,
    errors: ["conflict", "invalid_transition"],
  }),
  check: defineRoute({
    method: "POST",
    path: "/api/v1/staff/cases/:id/check",
    summary: "脱敏检查：检查文本中是否还有个人姓名、电话、身份证号、经营主体信用代码等（不保存；未提供的字段用案例当前文本）",
    tags,
    auth: EDITORS,
    params: CaseIdParams,
    body: CaseCheckBody,
    response: AnonymityCheck,
  }),
  publish: defineRoute({
    method: "POST",
    path: "/api/v1/staff/cases/:id/publish",
    summary: "发布为典型案例通报：进入案例库并在政策动态“典型案例通报”栏目发布；仍有个人信息时拒绝（422 personal_data_found）",
    tags,
    auth: EDITORS,
    params: CaseIdParams,
    body: CasePublishBody,
    response: StaffCaseView,
    errors: ["personal_data_found", "invalid_transition", "conflict"],
  }),
  unpublish: defineRoute({
    method: "POST",
    path: "/api/v1/staff/cases/:id/unpublish",
    summary: "撤下已发布的通报（案例库与政策动态同时撤下）",
    tags,
    auth: EDITORS,
    params: CaseIdParams,
    body: CaseReasonBody,
    response: StaffCaseView,
    errors: ["invalid_transition"],
  }),
  reject: defineRoute({
    method: "POST",
    path: "/api/v1/staff/cases/:id/reject",
    summary: "不予采用推荐的案例",
    tags,
    auth: EDITORS,
    params: CaseIdParams,
    body: CaseReasonBody,
    response: StaffCaseView,
    errors: ["invalid_transition"],
  }),
} as const;
