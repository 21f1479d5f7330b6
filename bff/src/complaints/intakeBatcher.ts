import type { ClientSession, Types } from "mongoose";
import type { ComplaintCreated } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { nextValue } from "../models/counter/counter.schema";
import { uploadRepository } from "../models/upload/upload.repository";
import { workOrderRepository, type WorkOrderPayload } from "../models/workOrder/workOrder.repository";
import { emitEvents, type EventMap } from "../queues/events";
import { enqueueMany } from "../queues/task";
import { contentCheckTask } from "../queues/tasks/contentCheck";

/** A complaint ready to be written: everything decided, only its number missing. */
export interface IntakeItem {
  doc: ComplaintRecord;
  /** CST date YYYYMMDD the ticket number belongs to. */
  day: string;
  idempotency: { key: string; hash: string } | null;
  /** Uploads to attach (the filer's own, unattached when checked). */
  evidence: { ids: string[]; ownerId: Types.ObjectId };
  /** The 12345 work order to write with it, given the numbered complaint. */
  workOrder: ((c: ComplaintRecord) => WorkOrderPayload) | null;
  /** The event announcing the dispatch, given the numbered complaint. */
  event: ((c: ComplaintRecord) => EventMap["complaint.status_changed"]) | null;
  /** Queue WeChat's content check. */
  contentCheck: boolean;
  /** The 201 body for the numbered complaint. */
  respond(c: ComplaintRecord): ComplaintCreated;
}

interface Waiting {
  item: IntakeItem;
  resolve(created: ComplaintCreated): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 64;

/**
 * Group commit for complaint intake. The database takes a write lock for the whole of a
 * transaction, so instead of one transaction per complaint, complaints that arrive while a
 * transaction is running are written together by the next one: one counter increment for their
 * ticket numbers, one insert of the complaints, one of their work orders, one of their jobs, one
 * commit. Each caller's promise settles only after the commit that holds its complaint, so a 201
 * still means durably stored. If a batch fails (a conflicting upload, a reused Idempotency-Key),
 * its complaints are written one by one so that only the faulty one fails.
 */
export class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private running = false;

  /**
   * Numbers and stores a complaint together with whatever else is waiting.
   * @param item the complaint and what goes with it.
   * @returns the 201 body once committed.
   */
  submit(item: IntakeItem): Promise<ComplaintCreated> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests that arrived in the same turn join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          settle(batch, await write(batch.map((w) => w.item)));
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else for (const w of batch) await write([w.item]).then((r) => settle([w], r), w.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

function settle(batch: Waiting[], results: ComplaintCreated[]): void {
  batch.forEach((w, i) => w.resolve(results[i]));
}

/** Writes complaints in one transaction and returns their 201 bodies, in order. */
async function write(items: IntakeItem[]): Promise<ComplaintCreated[]> {
  return withTransaction(async (session) => {
    const numbered = await number(items, session);
    const responses = numbered.map((c, i) => items[i].respond(c));
    numbered.forEach((c, i) => {
      const id = items[i].idempotency;
      c.intake = id ? { ...id, response: responses[i] } : null;
    });
    await complaintRepository.insertManyPrepared(numbered, session);
    const attach = items.flatMap((it, i) => (it.evidence.ids.length ? [{ ids: it.evidence.ids, ownerId: it.evidence.ownerId, complaintId: numbered[i]._id }] : []));
    if (attach.length) {
      const expected = attach.reduce((n, a) => n + a.ids.length, 0);
      if ((await uploadRepository.attachMany(attach, session)) !== expected) throw new AppError(400, "upload_not_usable");
    }
    const orders = items.flatMap((it, i) => (it.workOrder ? [{ complaintId: numbered[i]._id, payload: it.workOrder(numbered[i]) }] : []));
    if (orders.length) await workOrderRepository.insertNew(orders, session);
    const events = items.flatMap((it, i) => (it.event ? [{ name: "complaint.status_changed" as const, payload: it.event(numbered[i]) }] : []));
    if (events.length) await emitEvents(events, session);
    const checks = items.flatMap((it, i) => (it.contentCheck ? [contentCheckTask.job({ complaintId: numbered[i]._id.toHexString() })] : []));
    if (checks.length) await enqueueMany(checks, session);
    return responses;
  });
}

/** Gives each complaint its day's next ticket number (numbers taken inside the transaction, so a rollback leaves no gap). */
async function number(items: IntakeItem[], session: ClientSession): Promise<ComplaintRecord[]> {
  const out = items.map((it) => ({ ...it.doc }));
  const days = [...new Set(items.map((it) => it.day))];
  for (const day of days) {
    const indexes = items.flatMap((it, i) => (it.day === day ? [i] : []));
    const last = await nextValue(`ticket:${day}`, session, indexes.length);
    indexes.forEach((i, k) => (out[i].ticketNo = `LS${day}${String(last - indexes.length + 1 + k).padStart(4, "0")}`));
  }
  return out;
}
