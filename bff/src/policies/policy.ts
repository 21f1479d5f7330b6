import { AuthorizationError, NotFoundError } from "../errors";
import type { Actor } from "../types";

export type Rule<R> = (actor: Actor, record: R) => boolean;

export interface Policy<R, A extends string> {
  resource: string;
  /** Whether the actor may perform the action on the record. */
  can(actor: Actor, action: A, record: R): boolean;
  /**
   * Throws unless the actor may perform the action. With `hide`, a refusal looks like the record
   * does not exist (for reads of other departments' data, so ids cannot be probed).
   */
  authorize(actor: Actor, action: A, record: R, options?: { hide?: boolean }): void;
  /** Every action's answer, sent to clients so they never re-derive permissions. */
  abilities(actor: Actor, record: R): Record<A, boolean>;
}

/**
 * Declares the rules of one resource in one place.
 * @param resource the resource name (for logs).
 * @param rules one predicate per action.
 * @returns the policy.
 */
export function definePolicy<R, A extends string>(resource: string, rules: Record<A, Rule<R>>): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = (actor: Actor, action: A, record: R): boolean => rules[action](actor, record);
  return {
    resource,
    can,
    authorize(actor, action, record, options = {}) {
      if (can(actor, action, record)) return;
      throw options.hide ? NotFoundError() : AuthorizationError();
    },
    abilities(actor, record) {
      return Object.fromEntries(actions.map((a) => [a, can(actor, a, record)])) as Record<A, boolean>;
    },
  };
}
