import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, appendFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";

const ROOT = path.resolve(__dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the CLI in one process (tsx as a loader, not a wrapper), so SIGKILL really kills the server. */
async function startChild(port: number, dbpath: string, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "embedded-mongo/src/cli.ts"), "--port", String(port), "--dbpath", dbpath, ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded-mongo did not start: ${stderr}`)), 20_000);
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`embedded-mongo exited with ${code}: ${stderr}`)));
  });
  return child;
}

describe("durability: SIGKILL in the middle of concurrent writes", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "emongo-crash-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every acknowledged write and every unique constraint after restart", async () => {
    const port = await freePort();
    let child = await startChild(port, dir);
    const uri = `mongodb://127.0.0.1:${port}/?replicaSet=rs0&serverSelectionTimeoutMS=2000`;
    const client = await MongoClient.connect(uri, { retryWrites: false });
    const coll = client.db("crash").collection("items");
    await coll.createIndex({ k: 1 }, { unique: true });
    const acknowledged = new Set<string>();
    const counterAcks: number[] = [];
    let stop = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const k = `w${w}-${i}`;
        try {
          await coll.insertOne({ k, payload: "负面清单".repeat(20) });
          acknowledged.add(k);
          const r = await client
            .db("crash")
            .collection("counters")
            .findOneAndUpdate({ _id: "seq" as never }, { $inc: { n: 1 } }, { upsert: true, returnDocument: "after" });
          counterAcks.push(r!.n as number);
        } catch {
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    stop = true;
    await Promise.all(writers);
    await client.close(true);
    expect(acknowledged.size).toBeGreaterThan(50);

    child = await startChild(port, dir);
    const again = await MongoClient.connect(uri);
    try {
      const coll2 = again.db("crash").collection("items");
      const stored = new Set((await coll2.find({}, { projection: { k: 1 } }).toArray()).map((d) => d.k as string));
      for (const k of acknowledged) expect(stored.has(k)).toBe(true);
      expect(stored.size).toBe(await coll2.countDocuments());
      const [anyKey] = [...acknowledged];
      await expect(coll2.insertOne({ k: anyKey })).rejects.toMatchObject({ code: 11000 });
      const counter = await again.db("crash").collection("counters").findOne({ _id: "seq" as never });
      expect(counter!.n).toBeGreaterThanOrEqual(Math.max(...counterAcks));
    } finally {
      await again.close();
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }, 60_000);

  it("tolerates a torn last journal record", async () => {
    const port = await freePort();
    const tornDir = mkdtempSync(path.join(os.tmpdir(), "emongo-torn-"));
    let child = await startChild(port, tornDir);
    const uri = `mongodb://127.0.0.1:${port}/?replicaSet=rs0`;
    let client = await MongoClient.connect(uri);
    await client.db("t").collection("x").insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    await client.close();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const journal = readdirSync(tornDir).find((f) => f.startsWith("journal."))!;
    appendFileSync(path.join(tornDir, journal), Buffer.from([0x40, 0, 0, 0, 1, 2, 3]));
    child = await startChild(port, tornDir);
    client = await MongoClient.connect(uri);
    expect(await client.db("t").collection("x").countDocuments()).toBe(2);
    await client.db("t").collection("x").insertOne({ _id: 3 } as never);
    await client.close();
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(tornDir, { recursive: true, force: true });
  }, 60_000);
});
