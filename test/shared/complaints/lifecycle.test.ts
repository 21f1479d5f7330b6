import fc from "fast-check";
import {
  COMPLAINANT_ACTIONS,
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  FINAL_STATUSES,
  RELATIONS,
  TRANSITIONS,
  availableActions,
  canTransition,
  mayTake,
  nextStatusForRating,
  statusAfter,
  type ComplaintAction,
  type ComplaintStatus,
  type Relation,
} from "@lushan/shared";

const status = fc.constantFrom(...COMPLAINT_STATUSES);
const action = fc.constantFrom(...COMPLAINT_ACTIONS);
const relation = fc.constantFrom(...RELATIONS);

/** Applies an action as the server does (a rating may reopen instead of closing). */
function apply(s: ComplaintStatus, a: ComplaintAction, rating: "satisfied" | "unsatisfied"): ComplaintStatus {
  return a === "rate" ? nextStatusForRating(rating) : statusAfter(a, s);
}

describe("complaint lifecycle state machine", () => {
  it("never lets an unrelated party act, in any status", () => {
    fc.assert(fc.property(status, action, (s, a) => !canTransition(a, s, "other")));
  });

  it("separates 'not yours' from 'not now': an allowed transition is always an action the relation may take", () => {
    fc.assert(fc.property(status, action, relation, (s, a, r) => !canTransition(a, s, r) || mayTake(a, r)));
  });

  it("offers exactly the allowed actions", () => {
    fc.assert(fc.property(status, relation, (s, r) => {
      expect(availableActions(s, r)).toEqual(COMPLAINT_ACTIONS.filter((a) => canTransition(a, s, r)));
    }));
  });

  it("keeps the complainant's actions for the complainant and the handling work for the handling department", () => {
    fc.assert(fc.property(status, action, relation, (s, a, r) => {
      if (!canTransition(a, s, r)) return true;
      if (COMPLAINANT_ACTIONS.includes(a)) return r === "owner";
      if (["accept", "reply", "return"].includes(a)) return r === "handling_department";
      return r !== "owner";
    }));
  });

  it("lets co-handling departments only add notes", () => {
    for (const s of COMPLAINT_STATUSES) expect(availableActions(s, "co_department").filter((a) => a !== "comment")).toEqual([]);
  });

  it("never leaves closed or merged (random walks of allowed actions)", () => {
    const step = fc.record({ action, relation, rating: fc.constantFrom("satisfied" as const, "unsatisfied" as const) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let s: ComplaintStatus = "submitted";
        let final = false;
        for (const { action: a, relation: r, rating } of steps) {
          if (!canTransition(a, s, r)) continue;
          const next = apply(s, a, rating);
          if (final) expect(next).toBe(s);
          expect(COMPLAINT_STATUSES).toContain(next);
          s = next;
          final ||= FINAL_STATUSES.includes(s);
        }
      }),
    );
  });

  it("can reach every status from submission, and close every open complaint", () => {
    const edges = (from: ComplaintStatus) =>
      COMPLAINT_ACTIONS.flatMap((a) =>
        RELATIONS.filter((r) => canTransition(a, from, r)).flatMap(() => (a === "rate" ? ["closed", "accepted"] : [statusAfter(a, from)]) as ComplaintStatus[]),
      );
    const reachable = (from: ComplaintStatus) => {
      const seen = new Set<ComplaintStatus>([from]);
      const queue = [from];
      while (queue.length) {
        for (const n of edges(queue.shift()!)) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      return seen;
    };
    expect([...reachable("submitted")].sort()).toEqual([...COMPLAINT_STATUSES].sort());
    for (const s of COMPLAINT_STATUSES.filter((x) => !FINAL_STATUSES.includes(x))) expect(reachable(s).has("closed")).toBe(true);
  });

  it("reopens after 不满意 and closes after 满意 or 基本满意", () => {
    expect(nextStatusForRating("unsatisfied")).toBe("accepted");
    expect(nextStatusForRating("satisfied")).toBe("closed");
    expect(nextStatusForRating("basically_satisfied")).toBe("closed");
  });

  it("matches the documented workflow", () => {
    const allowed = (a: ComplaintAction, s: ComplaintStatus, r: Relation) => canTransition(a, s, r);
    expect(allowed("assign", "submitted", "coordinator")).toBe(true);
    expect(allowed("assign", "submitted", "hotline")).toBe(true);
    // A returned complaint is the coordinator's to re-dispatch, not 12345's.
    expect(allowed("assign", "returned", "hotline")).toBe(false);
    expect(allowed("accept", "assigned", "handling_department")).toBe(true);
    expect(allowed("reply", "assigned", "handling_department")).toBe(false);
    expect(allowed("supervise", "accepted", "coordinator")).toBe(true);
    expect(allowed("withdraw", "accepted", "owner")).toBe(false);
    expect(allowed("close", "replied", "hotline")).toBe(true);
    expect(TRANSITIONS.reply.noteRequired && TRANSITIONS.return.noteRequired && TRANSITIONS.transfer.noteRequired).toBe(true);
  });
});
