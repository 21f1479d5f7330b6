import type { LexiconData } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { LIST_STATE_ID } from "../list/catalog";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { ListStateModel } from "../models/listEdition/listEdition.schema";
import { LEXICON_ID, ListLexiconModel, type ListLexiconRecord } from "../models/listLexicon/listLexicon.schema";
import type { Actor } from "../types";

/**
 * Replaces the search lexicon. In the same transaction the shared list version moves, so every
 * BFF instance rebuilds its index with the new table at its next check, and the change is audited.
 * @param actor the administrator.
 * @param data the validated lexicon.
 * @param requestId for the audit trail.
 * @returns the stored lexicon.
 */
export async function listLexiconWriter(actor: Actor, data: LexiconData, requestId?: string): Promise<ListLexiconRecord> {
  return withTransaction(async (session) => {
    const before = await ListLexiconModel.findById(LEXICON_ID, { version: 1, groups: 1 }).session(session).lean<ListLexiconRecord>();
    const stored = await ListLexiconModel.findOneAndUpdate(
      { _id: LEXICON_ID },
      {
        $set: { groups: data.groups, entries: data.entries ?? {}, relatedEntries: data.relatedEntries ?? {}, updatedBy: actor.userId },
        $inc: { version: 1 },
      },
      { upsert: true, returnDocument: "after", session },
    ).lean<ListLexiconRecord>();
    await ListStateModel.updateOne({ _id: LIST_STATE_ID }, { $inc: { version: 1 } }, { upsert: true, session });
    await auditLogRepository.record(
      {
        actor,
        action: "list_lexicon.update",
        resourceType: "list_lexicon",
        resourceId: LEXICON_ID,
        details: { version: stored!.version, groupsBefore: before?.groups.length ?? null, groupsAfter: data.groups.length },
        requestId,
      },
      session,
    );
    return stored!;
  });
}
