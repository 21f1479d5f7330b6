import type { Doc } from "../bson/types";
import type { Change } from "../storage/store";
import type { Transaction } from "../txn/transaction";
import type { EmbeddedServer } from "../server";

export interface CommandContext {
  server: EmbeddedServer;
  /** The database named by `$db`. */
  db: string;
  cmd: Doc;
  /** The transaction the command runs in, if any. */
  txn: Transaction | null;
  /** Document changes made outside a transaction, journaled after the command. */
  changes: Change[];
  connectionId: number;
}

export interface CommandSpec {
  /** Canonical name (first key of the command document). */
  name: string;
  aliases?: string[];
  /** Changes data: takes the write lock outside transactions. */
  write?: boolean;
  /**
   * Changes the catalog (collections, indexes): runs under the write lock, so it never interleaves
   * with an open transaction, and is acknowledged only once its journal record is durable.
   */
  ddl?: boolean;
  /** May run inside a multi-document transaction. */
  inTransaction?: boolean;
  /** Fields the command accepts besides the generic ones; others are refused (40415). */
  fields?: readonly string[];
  run(ctx: CommandContext): Doc | Promise<Doc>;
}

/** Fields every command may carry. */
export const GENERIC_FIELDS = new Set([
  "$db",
  "lsid",
  "txnNumber",
  "autocommit",
  "startTransaction",
  "$clusterTime",
  "$readPreference",
  "readConcern",
  "writeConcern",
  "comment",
  "maxTimeMS",
  "apiVersion",
  "apiStrict",
  "apiDeprecationErrors",
  "$audit",
  "$client",
  "mayBypassWriteBlocking",
]);
