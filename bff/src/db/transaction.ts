import mongoose, { type ClientSession } from "mongoose";

/**
 * Runs work in a multi-document transaction, retrying it on transient errors (write conflicts,
 * primary changes) as the driver recommends. Everything that must happen together (a state change
 * and the jobs it causes) goes through here.
 * @param work the transactional work; use the session for every read and write.
 * @returns what the work returned.
 */
export async function withTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  return mongoose.connection.transaction(work);
}
