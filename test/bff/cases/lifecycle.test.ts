import { CASE_ACTIONS, CASE_STATUSES, canCaseTransition, caseStatusAfter } from "@lushan/shared";
import { Types } from "mongoose";
import { casePostContent } from "../../../bff/src/cases/postContent";
import type { TypicalCaseRecord } from "../../../bff/src/models/typicalCase/typicalCase.schema";
import { casePolicy } from "../../../bff/src/policies/typicalCase";
import type { Actor } from "../../../bff/src/types";

describe("typical case lifecycle and policy", () => {
  it("publishes from proposed or unpublished only, edits only while not public, rejects only proposals", () => {
    const table = Object.fromEntries(CASE_ACTIONS.map((a) => [a, CASE_STATUSES.filter((s) => canCaseTransition(a, s))]));
    expect(table).toEqual({
      edit: ["proposed", "unpublished"],
      publish: ["proposed", "unpublished"],
      unpublish: ["published"],
      reject: ["proposed"],
    });
    expect(caseStatusAfter("publish", "unpublished")).toBe("published");
    expect(caseStatusAfter("edit", "proposed")).toBe("proposed");
    expect(canCaseTransition("publish", "rejected")).toBe(false);
  });

  it("lets department staff read their department's cases but never publish", () => {
    const dept = new Types.ObjectId();
    const staff: Actor = { userId: new Types.ObjectId(), role: "dept_staff", departmentId: dept };
    const other: Actor = { userId: new Types.ObjectId(), role: "dept_admin", departmentId: new Types.ObjectId() };
    const coordinator: Actor = { userId: new Types.ObjectId(), role: "coordinator", departmentId: null };
    const hotline: Actor = { userId: new Types.ObjectId(), role: "hotline_operator", departmentId: null };
    const proposed = { status: "proposed" as const, departmentId: dept };
    expect(casePolicy.abilities(staff, proposed)).toEqual({ read: true, edit: false, publish: false, unpublish: false, reject: false });
    expect(casePolicy.can(other, "read", proposed)).toBe(false);
    expect(casePolicy.can(hotline, "read", proposed)).toBe(false);
    expect(casePolicy.abilities(coordinator, proposed)).toEqual({ read: true, edit: true, publish: true, unpublish: false, reject: true });
    expect(casePolicy.abilities(coordinator, { ...proposed, status: "published" })).toEqual({ read: true, edit: false, publish: false, unpublish: true, reject: false });
  });

  it("builds the 通报 post with escaped text, the problem type and the source", () => {
    const c = {
      title: "窗口<script>要求</script>额外材料",
      summary: "第一段 <b>粗</b>\n\n第二段",
      handling: "已整改",
      lesson: null,
      kind: "barrier",
      barrierType: "B05",
      locality: "江西省九江市庐山市南康镇",
      authority: "某窗口",
      batch: "庐山市典型案例通报 2026年第1期",
      source: { url: null, label: "庐山市市场准入隐性壁垒投诉办理", quality: "local", note: null },
    } as unknown as TypicalCaseRecord;
    const post = casePostContent(c);
    expect(post.body).not.toContain("<script>");
    expect(post.body).toContain("&lt;b&gt;粗&lt;/b&gt;");
    expect(post.body).toContain("<p>第一段 &lt;b&gt;粗&lt;/b&gt;</p><p>第二段</p>");
    expect(post.body).toContain("B05 违规扩大审批范围、变更或增设审批条件");
    expect(post.body).toContain("来源：</strong>庐山市市场准入隐性壁垒投诉办理（庐山市典型案例通报 2026年第1期）");
    expect(post.summary).toBe("第一段 <b>粗</b> 第二段");
  });
});
