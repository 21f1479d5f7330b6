import { randomBytes } from "node:crypto";
import { startEmbeddedMongo } from "@lushan/embedded-mongo";

export interface TestDatabase {
  uri: string;
  stop(): Promise<void>;
}

/**
 * A database for one test file: the real server in `MONGODB_URI` (with a unique database name,
 * dropped afterwards by the caller's connection) or an in-memory embedded server.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const external = process.env.MONGODB_URI;
  if (external) {
    const url = new URL(external);
    url.pathname = `/lushan_test_${randomBytes(6).toString("hex")}`;
    return { uri: url.toString(), stop: async () => undefined };
  }
  const server = await startEmbeddedMongo({ port: 0, inMemory: true });
  return { uri: server.uri, stop: server.stop };
}
