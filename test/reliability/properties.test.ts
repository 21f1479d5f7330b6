/**
 * Property-based tests (fast-check) for the rule-bearing pieces that had only example tests: the
 * rectification ledger's state machine (整改台账), the typical-case lifecycle (典型案例) and the
 * anonymity check that guards every published 通报. (The complaint lifecycle, working-day
 * deadlines, the credit-code check and the routing rule matcher have theirs in test/shared and
 * test/bff.)
 */
import fc from "fast-check";
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  availableRectificationActions,
  canCaseTransition,
  canRectificationTransition,
  caseStatusAfter,
  creditCodeCheckChar,
  isRectificationOverdue,
  mayTakeRectification,
  rectificationStatusAfter,
  type CaseStatus,
  type RectificationRelation,
  type RectificationStatus,
} from "@lushan/shared";
import { checkAnonymity, isValidIdNumber, redact } from "../../bff/src/cases/anonymity";

const RELATIONS: RectificationRelation[] = ["owner_department", "coordinator", "other"];
const rStatus = fc.constantFrom(...RECTIFICATION_STATUSES);
const rAction = fc.constantFrom(...RECTIFICATION_ACTIONS);
const rRelation = fc.constantFrom(...RELATIONS);

describe("rectification ledger state machine (properties)", () => {
  it("nobody unrelated ever acts; 'not yours' (403) is separate from 'not now' (409)", () => {
    fc.assert(fc.property(rStatus, rAction, (s, a) => !canRectificationTransition(a, s, "other")));
    fc.assert(
      fc.property(
        rStatus,
        rAction,
        rRelation,
        (s, a, r) => !canRectificationTransition(a, s, r) || mayTakeRectification(a, r),
      ),
    );
  });

  it("offers exactly the allowed actions", () => {
    fc.assert(
      fc.property(rStatus, rRelation, (s, r) => {
        expect(availableRectificationActions(s, r)).toEqual(
          RECTIFICATION_ACTIONS.filter((a) => canRectificationTransition(a, s, r)),
        );
      }),
    );
  });

  it("random walks of allowed actions: done only through the department's request and the coordinator's confirmation, and done is final", () => {
    const step = fc.record({ action: rAction, relation: rRelation });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let s: RectificationStatus = "open";
        let requestedSinceReject = false;
        for (const { action, relation } of steps) {
          if (!canRectificationTransition(action, s, relation)) continue;
          const next = rectificationStatusAfter(action, s);
          expect(RECTIFICATION_STATUSES).toContain(next);
          if (s === "done") expect(next).toBe("done");
          // Progress is the department's; sign-off and sending back are the coordinator's.
          if (next !== s && (next === "done" || (s === "pending_signoff" && next === "rectifying")))
            expect(relation).toBe("coordinator");
          if (
            next !== s &&
            (next === "rectifying" || next === "pending_signoff") &&
            s !== "pending_signoff"
          )
            expect(relation).toBe("owner_department");
          if (action === "request_signoff") requestedSinceReject = true;
          if (action === "reject") requestedSinceReject = false;
          if (next === "done" && s !== "done") expect(requestedSinceReject).toBe(true);
          s = next;
        }
      }),
    );
  });

  it("is overdue exactly when not signed off and past the deadline", () => {
    fc.assert(
      fc.property(
        rStatus,
        fc.date({ noInvalidDate: true }),
        fc.date({ noInvalidDate: true }),
        (s, deadline, now) => {
          expect(isRectificationOverdue(s, deadline, now)).toBe(
            s !== "done" && deadline.getTime() < now.getTime(),
          );
        },
      ),
    );
  });
});

describe("typical-case lifecycle (properties)", () => {
  it("random walks: rejected is final, only a published case can be unpublished, and every status is reachable only by its action", () => {
    const action = fc.constantFrom(...CASE_ACTIONS);
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let s: CaseStatus = "proposed";
        for (const a of actions) {
          if (!canCaseTransition(a, s)) continue;
          const next = caseStatusAfter(a, s);
          expect(CASE_STATUSES).toContain(next);
          if (s === "rejected") throw new Error("acted on a rejected case");
          if (next === "unpublished" && s !== "unpublished") expect(s).toBe("published");
          if (next === "published") expect(a).toBe("publish");
          if (next === "rejected") expect(s).toBe("proposed");
          // A published text is never edited in place (it is unpublished first).
          if (a === "edit") expect(s).not.toBe("published");
          s = next;
        }
      }),
    );
  });
});

// ---------------------------------------------------------------- anonymity check

/** Chinese filler without digits or letters (so it cannot form or extend a number). */
const filler = fc
  .array(
    fc.constantFrom(..."窗口办理许可时被要求提供证明材料来回跑了三趟还没办下来希望核查，。、"),
    { maxLength: 30 },
  )
  .map((a) => a.join(""));

const mobile = fc
  .tuple(
    fc.constantFrom("3", "5", "7", "8", "9"),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([second, rest]) => `1${second}${rest.join("")}`);

const idNumber = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({
      min: new Date("1930-01-01"),
      max: new Date("2020-12-31"),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
    const first17 = `${region}${ymd}${String(seq).padStart(3, "0")}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
    return first17 + "10X98765432"[sum % 11];
  });

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** A valid unified social credit code with the given registration-authority heads. */
const creditCodeWith = (heads: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...heads),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
      fc.array(fc.constantFrom(...CREDIT_CHARS), { minLength: 9, maxLength: 9 }),
    )
    .map(([head, region, body]) => {
      const first17 = `${head}${region.join("")}${body.join("")}`;
      return first17 + creditCodeCheckChar(first17);
    });
/** Business entities (9x: enterprises, individual businesses, cooperatives): personal data of a case. */
const creditCode = creditCodeWith(["91", "92", "93"]);
/** Government bodies and public institutions (1x, 5x): may be named in public. */
const publicBodyCode = creditCodeWith(["11", "12", "13", "51", "52", "53"]);

const kindsIn = (text: string) =>
  new Set(checkAnonymity({ summary: text }).findings.map((f) => f.kind));

describe("anonymity check of published cases (properties)", () => {
  it("finds any mobile number, resident ID number and credit code wherever it sits in the text", () => {
    fc.assert(
      fc.property(filler, mobile, filler, (a, m, b) => {
        expect(kindsIn(`${a}${m}${b}`).has("phone")).toBe(true);
      }),
    );
    fc.assert(
      fc.property(filler, idNumber, filler, (a, id, b) => {
        expect(isValidIdNumber(id)).toBe(true);
        expect(kindsIn(`${a}${id}${b}`).has("id_number")).toBe(true);
      }),
    );
    fc.assert(
      fc.property(filler, creditCode, filler, (a, code, b) => {
        expect(kindsIn(`${a}${code}${b}`).has("credit_code")).toBe(true);
      }),
    );
  });

  it("leaves the credit codes of government bodies and public institutions alone", () => {
    fc.assert(
      fc.property(filler, publicBodyCode, filler, (a, code, b) => {
        expect(kindsIn(`${a}${code}${b}`).has("credit_code")).toBe(false);
      }),
    );
  });

  it("redaction leaves nothing the check would still find", () => {
    const piece = fc.oneof(filler, mobile, idNumber, creditCode);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join("，");
        const after = checkAnonymity({ summary: redact(text) });
        expect(after.findings.map((f) => f.kind)).toEqual([]);
      }),
    );
  });

  it("reports no phone, ID or credit code in text without digits", () => {
    fc.assert(
      fc.property(filler, (t) => {
        const kinds = kindsIn(t);
        expect([kinds.has("phone"), kinds.has("id_number"), kinds.has("credit_code")]).toEqual([
          false,
          false,
          false,
        ]);
      }),
    );
  });
});
