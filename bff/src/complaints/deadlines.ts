import { addWorkingDays, cstDate, type WorkCalendar } from "@lushan/shared";
import { calendarRepository } from "../models/calendar/calendar.repository";
import type { DeadlinePolicyRecord } from "../models/calendar/calendar.schema";

export const DEFAULT_POLICY = { acceptDays: 1, replyDays: 5, complexReplyDays: 15, autoCloseDays: 7 };

/**
 * Deadlines in working days on the official calendar (data). Calendars and policies are cached
 * for a minute: an edit applies at once in the instance that made it and within a minute in the
 * others. A year whose arrangement has not been entered counts weekends only.
 */
export class DeadlineService {
  private calendar: WorkCalendar | null = null;
  private years = new Set<number>();
  private policies = new Map<string, DeadlinePolicyRecord>();
  private loadedAt = 0;

  /** Forgets the cached calendar and limits (after an edit in this process). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async load(): Promise<void> {
    if (this.calendar && Date.now() - this.loadedAt < 60_000) return;
    const [years, policies] = await Promise.all([calendarRepository.years(), calendarRepository.policies()]);
    this.calendar = {
      holidays: new Set(years.flatMap((y) => y.holidays)),
      workdays: new Set(years.flatMap((y) => y.workdays)),
    };
    this.years = new Set(years.map((y) => y._id));
    this.policies = new Map(policies.map((p) => [p._id, p]));
    this.loadedAt = Date.now();
  }

  /** The calendar of every entered year. */
  async workCalendar(): Promise<WorkCalendar> {
    await this.load();
    return this.calendar!;
  }

  /** Whether the holiday arrangement of the year of `at` has been entered (else only weekends count). */
  async hasYear(at: Date): Promise<boolean> {
    await this.load();
    return this.years.has(Number(cstDate(at).slice(0, 4)));
  }

  /** The limits of a barrier type (its own, else the default "*", else the built-in defaults). */
  async policy(barrierType: string): Promise<typeof DEFAULT_POLICY> {
    await this.load();
    const p = this.policies.get(barrierType) ?? this.policies.get("*");
    return p ? { acceptDays: p.acceptDays, replyDays: p.replyDays, complexReplyDays: p.complexReplyDays, autoCloseDays: p.autoCloseDays } : DEFAULT_POLICY;
  }

  /** End of the last working day to accept a complaint dispatched at `from`. */
  async acceptBy(from: Date, barrierType: string): Promise<Date> {
    return addWorkingDays(from, (await this.policy(barrierType)).acceptDays, await this.workCalendar());
  }

  /** End of the last working day to reply to a complaint accepted (or reopened) at `from`. */
  async replyBy(from: Date, barrierType: string, complex: boolean): Promise<Date> {
    const p = await this.policy(barrierType);
    return addWorkingDays(from, complex ? p.complexReplyDays : p.replyDays, await this.workCalendar());
  }

  /** When a reply without rating closes itself. */
  async autoCloseAt(repliedAt: Date, barrierType: string): Promise<Date> {
    return addWorkingDays(repliedAt, (await this.policy(barrierType)).autoCloseDays, await this.workCalendar());
  }
}
