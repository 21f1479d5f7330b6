import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "@lushan/embedded-mongo";

describe("journal compaction", () => {
  it("writes a snapshot, starts a new journal generation and recovers from both", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "emongo-compact-"));
    try {
      let m = await startEmbeddedMongo({ port: 0, dbPath: dir, compactAtBytes: 64 * 1024 });
      let c = await MongoClient.connect(m.uri);
      const coll = c.db("j").collection("docs");
      await coll.createIndex({ k: 1 }, { unique: true });
      for (let i = 0; i < 40; i++) {
        await coll.insertMany(Array.from({ length: 25 }, (_, j) => ({ k: i * 25 + j, text: "x".repeat(100) })));
        await coll.updateOne({ k: i }, { $set: { touched: true } });
      }
      await coll.deleteMany({ k: { $lt: 10 } });
      await c.close();
      await m.stop();
      const files = readdirSync(dir);
      expect(files).toContain("snapshot.bson");
      expect(files.filter((f) => f.startsWith("journal.")).length).toBeGreaterThanOrEqual(1);
      m = await startEmbeddedMongo({ port: 0, dbPath: dir });
      c = await MongoClient.connect(m.uri);
      const again = c.db("j").collection("docs");
      expect(await again.countDocuments()).toBe(990);
      expect(await again.countDocuments({ touched: true })).toBe(30);
      await expect(again.insertOne({ k: 500 })).rejects.toMatchObject({ code: 11000 });
      await c.close();
      await m.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
  it("keeps taking writes while a snapshot is written, and recovers every one of them", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "emongo-compact-live-"));
    try {
      let m = await startEmbeddedMongo({ port: 0, dbPath: dir, compactAtBytes: 256 * 1024 });
      let c = await MongoClient.connect(m.uri);
      const coll = c.db("j").collection("live");
      // Batches of inserts and updates in flight at once, so snapshots (written in chunks with
      // the event loop free in between) overlap writes to the same documents.
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let b = 0; b < 25; b++) {
            const base = (w * 25 + b) * 100;
            await coll.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: base + i, v: 0, text: "整改台账".repeat(20) })));
            await coll.updateMany({ _id: { $gte: base, $lt: base + 50 } }, { $inc: { v: 1 } });
          }
        }),
      );
      await c.close();
      await m.stop();
      expect(readdirSync(dir)).toContain("snapshot.bson");
      m = await startEmbeddedMongo({ port: 0, dbPath: dir });
      c = await MongoClient.connect(m.uri);
      const again = c.db("j").collection("live");
      expect(await again.countDocuments()).toBe(20_000);
      expect(await again.countDocuments({ v: 1 })).toBe(10_000);
      expect(await again.countDocuments({ v: 0 })).toBe(10_000);
      await c.close();
      await m.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
  it("journals and replays a write batch larger than the 16 MiB BSON limit as one record", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "emongo-big-"));
    try {
      let m = await startEmbeddedMongo({ port: 0, dbPath: dir });
      let c = await MongoClient.connect(m.uri);
      const docs = Array.from({ length: 30_000 }, (_, i) => ({ i, text: "清单".repeat(150) }));
      await c.db("j").collection("big").insertMany(docs);
      await c.close();
      await m.stop();
      m = await startEmbeddedMongo({ port: 0, dbPath: dir });
      c = await MongoClient.connect(m.uri);
      expect(await c.db("j").collection("big").countDocuments()).toBe(30_000);
      await c.close();
      await m.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
