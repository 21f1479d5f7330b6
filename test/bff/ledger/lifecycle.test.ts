import {
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  availableRectificationActions,
  canRectificationTransition,
  isRectificationOverdue,
  mayTakeRectification,
  rectificationStatusAfter,
  type RectificationStatus,
} from "@lushan/shared";

describe("rectification lifecycle", () => {
  it("walks open → rectifying → pending_signoff → done only through the owner department and the coordinator", () => {
    const path: [string, RectificationStatus, "owner_department" | "coordinator"][] = [
      ["start", "open", "owner_department"],
      ["request_signoff", "rectifying", "owner_department"],
      ["reject", "pending_signoff", "coordinator"],
      ["request_signoff", "rectifying", "owner_department"],
      ["confirm", "pending_signoff", "coordinator"],
    ];
    let status: RectificationStatus = "open";
    for (const [action, from, by] of path) {
      expect(status).toBe(from);
      expect(canRectificationTransition(action as never, status, by)).toBe(true);
      status = rectificationStatusAfter(action as never, status);
    }
    expect(status).toBe("done");
  });

  it("never lets a department sign off its own task, nor the coordinator do the department's work", () => {
    for (const status of RECTIFICATION_STATUSES) {
      expect(canRectificationTransition("confirm", status, "owner_department")).toBe(false);
      expect(canRectificationTransition("start", status, "coordinator")).toBe(false);
      expect(canRectificationTransition("request_signoff", status, "coordinator")).toBe(false);
      for (const action of RECTIFICATION_ACTIONS) expect(canRectificationTransition(action, status, "other")).toBe(false);
    }
    expect(mayTakeRectification("confirm", "owner_department")).toBe(false);
    expect(mayTakeRectification("confirm", "coordinator")).toBe(true);
  });

  it("allows only comments once signed off", () => {
    expect(availableRectificationActions("done", "coordinator")).toEqual(["comment"]);
    expect(availableRectificationActions("done", "owner_department")).toEqual(["comment"]);
    expect(availableRectificationActions("open", "owner_department")).toEqual(["start", "comment"]);
  });

  it("is overdue after the deadline day unless signed off", () => {
    const deadline = new Date("2026-03-02T15:59:59.999Z"); // end of 2026-03-02 in CST
    expect(isRectificationOverdue("rectifying", deadline, new Date("2026-03-02T15:00:00Z"))).toBe(false);
    expect(isRectificationOverdue("rectifying", deadline, new Date("2026-03-02T16:00:00Z"))).toBe(true);
    expect(isRectificationOverdue("done", deadline, new Date("2026-04-01T00:00:00Z"))).toBe(false);
  });
});
