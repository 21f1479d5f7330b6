import { Long, MongoClient, UUID } from "mongodb";
import { startEmbeddedMongo } from "@lushan/embedded-mongo";
import { useParityDb, mongoError } from "./support";

describe("transactions (parity)", () => {
  const p = useParityDb();

  it("commits several writes atomically", async () => {
    const c = p.db.collection("t1");
    await c.insertOne({ _id: 0, v: 0 });
    const session = p.client.startSession();
    await session.withTransaction(async () => {
      await c.insertOne({ _id: 1 }, { session });
      await c.updateOne({ _id: 0 }, { $inc: { v: 1 } }, { session });
      // Inside: sees its own writes.
      expect(await c.countDocuments({}, { session })).toBe(2);
    });
    await session.endSession();
    expect(await c.countDocuments()).toBe(2);
    expect((await c.findOne({ _id: 0 }))!.v).toBe(1);
  });

  it("aborts leave nothing behind and other sessions never see uncommitted data", async () => {
    const c = p.db.collection("t2");
    const session = p.client.startSession();
    session.startTransaction();
    await c.insertOne({ _id: 1 }, { session });
    expect(await c.findOne({ _id: 1 })).toBeNull();
    await session.abortTransaction();
    await session.endSession();
    expect(await c.findOne({ _id: 1 })).toBeNull();
  });

  it("a duplicate key inside a transaction aborts it", async () => {
    const c = p.db.collection("t3");
    await c.insertOne({ _id: 1 });
    const session = p.client.startSession();
    session.startTransaction();
    await c.insertOne({ _id: 2 }, { session });
    const err = await mongoError(c.insertOne({ _id: 1 }, { session }));
    expect(err.code).toBe(11000);
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
    expect(await c.countDocuments()).toBe(1);
  });

  it("commit of an unknown transaction is NoSuchTransaction with the transient label", async () => {
    const err = await mongoError(p.client.db("admin").command({ commitTransaction: 1, txnNumber: 99, autocommit: false, lsid: { id: new UUID() } }));
    expect(err.code).toBe(251);
  });
});

describe("transaction isolation on the embedded server", () => {
  it("makes other writers wait and times out waiting transactions with WriteConflict (112) + TransientTransactionError", async () => {
    const mongo = await startEmbeddedMongo({ port: 0, inMemory: true, transactionLockTimeoutMs: 300 });
    const client = await MongoClient.connect(mongo.uri);
    try {
      const c = client.db("iso").collection("x");
      await c.insertOne({ _id: 1, v: 0 });
      const s1 = client.startSession();
      s1.startTransaction();
      await c.updateOne({ _id: 1 }, { $set: { v: 1 } }, { session: s1 });
      // A plain write waits for the transaction...
      let plainDone = false;
      const plain = c.updateOne({ _id: 1 }, { $inc: { v: 10 } }).then(() => (plainDone = true));
      // ...and a second transaction gives up after the lock timeout.
      const s2 = client.startSession();
      s2.startTransaction();
      const err = await mongoError(c.updateOne({ _id: 1 }, { $set: { v: 2 } }, { session: s2 }));
      expect(err.code).toBe(112);
      expect(err.errorLabels).toContain("TransientTransactionError");
      await s2.abortTransaction().catch(() => undefined);
      expect(plainDone).toBe(false);
      // Readers see the committed state without waiting.
      expect((await c.findOne({ _id: 1 }))!.v).toBe(0);
      await s1.commitTransaction();
      await plain;
      expect((await c.findOne({ _id: 1 }))!.v).toBe(11);
      await s1.endSession();
      await s2.endSession();
    } finally {
      await client.close();
      await mongo.stop();
    }
  });

  it("refuses transactions in standalone mode as mongod does", async () => {
    const mongo = await startEmbeddedMongo({ port: 0, inMemory: true, standalone: true });
    const client = await MongoClient.connect(mongo.uri);
    try {
      // The driver refuses on its own; the server refuses a raw transaction command too.
      const session = client.startSession();
      session.startTransaction();
      await mongoError(client.db("s").collection("x").insertOne({ a: 1 }, { session }));
      await session.endSession().catch(() => undefined);
      const raw = await mongoError(
        client.db("s").command({ insert: "x", documents: [{ a: 1 }], lsid: { id: new UUID() }, txnNumber: Long.fromNumber(1), autocommit: false, startTransaction: true }),
      );
      expect(raw.code).toBe(20);
    } finally {
      await client.close();
      await mongo.stop();
    }
  });
});
