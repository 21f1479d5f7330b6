import { randomBytes } from "node:crypto";
import { MongoClient, type Db } from "mongodb";
import { startEmbeddedMongo, type RunningEmbeddedMongo } from "@lushan/embedded-mongo";

export interface Parity {
  client: MongoClient;
  db: Db;
  uri: string;
  /** True when running against the embedded server (some checks need its knobs). */
  embedded: boolean;
  server: RunningEmbeddedMongo | null;
}

/**
 * Connects the test file to a real MongoDB (`MONGODB_URI`) or to an in-memory embedded server,
 * with its own database that is dropped afterwards. Behaviour tests use only this, so they run
 * unchanged against both and prove parity.
 */
export function useParityDb(): Parity {
  const ctx = {} as Parity;
  beforeAll(async () => {
    const external = process.env.MONGODB_URI;
    ctx.server = external ? null : await startEmbeddedMongo({ port: 0, inMemory: true });
    ctx.uri = external ?? ctx.server!.uri;
    ctx.embedded = !external;
    ctx.client = await MongoClient.connect(ctx.uri);
    ctx.db = ctx.client.db(`parity_${randomBytes(5).toString("hex")}`);
  }, 30_000);
  afterAll(async () => {
    await ctx.db?.dropDatabase();
    await ctx.client?.close();
    await ctx.server?.stop();
  }, 30_000);
  return ctx;
}

/** Runs a promise expected to fail and returns the MongoDB error. */
export async function mongoError(p: Promise<unknown>): Promise<{ code?: number; codeName?: string; message: string; errorLabels?: string[]; keyPattern?: unknown; keyValue?: unknown; errorResponse?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: number; codeName?: string; message: string; errorLabelSet?: Set<string>; keyPattern?: unknown; keyValue?: unknown; errorResponse?: Record<string, unknown> };
    return { ...err, message: err.message, code: err.code, codeName: err.codeName, errorLabels: err.errorLabelSet ? [...err.errorLabelSet] : undefined, keyPattern: err.keyPattern, keyValue: err.keyValue };
  }
  throw new Error("expected the operation to fail");
}
