import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { startEmbeddedMongoThread } from "@lushan/embedded-mongo/launch";

describe("the embedded server in a worker thread", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "emongo-thread-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the driver, persists, and stops without reporting a crash", async () => {
    const onCrash = jest.fn();
    let m = await startEmbeddedMongoThread({ port: 0, dbPath: dir, onCrash });
    let c = await MongoClient.connect(m.uri);
    const coll = c.db("t").collection("docs");
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertMany([{ k: 1 }, { k: 2 }]);
    await expect(coll.insertOne({ k: 1 })).rejects.toMatchObject({ code: 11000 });
    await c.close();
    await m.stop();
    await m.stop(); // a second stop is harmless

    m = await startEmbeddedMongoThread({ port: 0, dbPath: dir, onCrash });
    c = await MongoClient.connect(m.uri);
    expect(await c.db("t").collection("docs").countDocuments()).toBe(2);
    await expect(c.db("t").collection("docs").insertOne({ k: 2 })).rejects.toMatchObject({
      code: 11000,
    });
    await c.close();
    await m.stop();
    expect(onCrash).not.toHaveBeenCalled();
  }, 30_000);

  it("rejects with the server's MongoDB error when it cannot start", async () => {
    // A live process (our parent) holds the data directory.
    writeFileSync(
      path.join(dir, "mongod.lock"),
      JSON.stringify({ pid: process.ppid, host: "127.0.0.1", port: 1 }),
    );
    const onCrash = jest.fn();
    await expect(startEmbeddedMongoThread({ port: 0, dbPath: dir, onCrash })).rejects.toMatchObject(
      {
        code: 98,
        message: expect.stringContaining("already using the dbpath"),
      },
    );
    expect(onCrash).not.toHaveBeenCalled();
  }, 30_000);
});
