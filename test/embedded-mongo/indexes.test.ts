import { Decimal128, Long } from "mongodb";
import { useParityDb, mongoError } from "./support";

describe("indexes (parity)", () => {
  const p = useParityDb();
  let n = 0;
  const coll = () => p.db.collection(`i${++n}`);

  it("unique indexes raise 11000 with keyPattern and keyValue, and the write is not applied", async () => {
    const c = coll();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ _id: 1, email: "a@x" });
    const err = await mongoError(c.insertOne({ _id: 2, email: "a@x" }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: "a@x" });
    expect(await c.countDocuments()).toBe(1);
    await c.insertOne({ _id: 3, email: "b@x" });
    const upd = await mongoError(c.updateOne({ _id: 3 }, { $set: { email: "a@x" } }));
    expect(upd.code).toBe(11000);
    expect((await c.findOne({ _id: 3 }))!.email).toBe("b@x");
  });

  it("treats a missing field as null in a unique index unless sparse or partial", async () => {
    const c = coll();
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertOne({ _id: 1 });
    expect((await mongoError(c.insertOne({ _id: 2 }))).code).toBe(11000);
    const s = coll();
    await s.createIndex({ code: 1 }, { unique: true, sparse: true });
    await s.insertMany([{ _id: 1 }, { _id: 2 }]);
    const pt = coll();
    await pt.createIndex({ openid: 1 }, { unique: true, partialFilterExpression: { openid: { $type: "string" } } });
    await pt.insertMany([{ _id: 1, openid: null }, { _id: 2 }, { _id: 3, openid: "o1" }]);
    expect((await mongoError(pt.insertOne({ _id: 4, openid: "o1" }))).code).toBe(11000);
  });

  it("enforces compound unique keys and multikey elements", async () => {
    const c = coll();
    await c.createIndex({ dept: 1, category: 1 }, { unique: true });
    await c.insertMany([{ dept: "a", category: "x" }, { dept: "a", category: "y" }, { dept: "b", category: "x" }]);
    const err = await mongoError(c.insertOne({ dept: "a", category: "x" }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ dept: "a", category: "x" });
    const m = coll();
    await m.createIndex({ tags: 1 }, { unique: true });
    await m.insertOne({ tags: ["a", "b"] });
    expect((await mongoError(m.insertOne({ tags: ["c", "b"] }))).code).toBe(11000);
  });

  it("ordered inserts stop at the first error; unordered ones continue", async () => {
    const c = coll();
    await c.createIndex({ k: 1 }, { unique: true });
    const ordered = await mongoError(c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]));
    expect(ordered.code).toBe(11000);
    expect(await c.countDocuments()).toBe(1);
    await mongoError(c.insertMany([{ k: 3 }, { k: 3 }, { k: 4 }], { ordered: false }));
    expect(await c.countDocuments()).toBe(3);
  });

  it("fails to build a unique index over duplicates, leaving nothing behind", async () => {
    const c = coll();
    await c.insertMany([{ v: 1 }, { v: 1 }]);
    expect((await mongoError(c.createIndex({ v: 1 }, { unique: true }))).code).toBe(11000);
    expect((await c.indexes()).map((i) => i.name)).toEqual(["_id_"]);
  });

  it("honours collation strength 2 for equality and uniqueness", async () => {
    const c = coll();
    await c.createIndex({ name: 1 }, { unique: true, collation: { locale: "en", strength: 2 } });
    await c.insertOne({ name: "Alice" });
    expect((await mongoError(c.insertOne({ name: "alice" }))).code).toBe(11000);
    expect(await c.countDocuments({ name: "ALICE" }, { collation: { locale: "en", strength: 2 } })).toBe(1);
    expect(await c.countDocuments({ name: "ALICE" })).toBe(0);
  });

  it("lists, recreates idempotently and drops indexes; conflicting options are refused", async () => {
    const c = coll();
    expect(await c.createIndex({ a: 1 }, { name: "a_1" })).toBe("a_1");
    expect(await c.createIndex({ a: 1 }, { name: "a_1" })).toBe("a_1");
    expect((await mongoError(c.createIndex({ a: 1 }, { name: "a_1", unique: true }))).code).toBe(85);
    expect((await mongoError(c.createIndex({ b: 1 }, { name: "a_1" }))).code).toBe(86);
    const names = (await c.indexes()).map((i) => i.name);
    expect(names).toEqual(["_id_", "a_1"]);
    await c.dropIndex("a_1");
    expect((await mongoError(c.dropIndex("a_1"))).code).toBe(27);
    expect((await mongoError(c.dropIndex("_id_"))).code).toBe(72);
  });

  it("explain names the index or a collection scan", async () => {
    const c = coll();
    await c.createIndex({ code: 1 });
    await c.insertMany([{ code: "x" }, { code: "y" }, { other: 1 }]);
    const ix = (await c.find({ code: "x" }).explain("queryPlanner")) as { queryPlanner: { winningPlan: Record<string, unknown> } };
    expect(JSON.stringify(ix.queryPlanner.winningPlan)).toContain("IXSCAN");
    expect(JSON.stringify(ix.queryPlanner.winningPlan)).toContain("code_1");
    const scan = (await c.find({ other: 1 }).explain("queryPlanner")) as { queryPlanner: { winningPlan: Record<string, unknown> } };
    expect(JSON.stringify(scan.queryPlanner.winningPlan)).toContain("COLLSCAN");
  });

  it("TTL indexes remove expired documents", async () => {
    if (!p.embedded) return; // mongod's TTL monitor runs every 60 s
    const c = coll();
    await c.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0 });
    await c.insertMany([{ _id: 1, expireAt: new Date(Date.now() - 1000) }, { _id: 2, expireAt: new Date(Date.now() + 3_600_000) }, { _id: 3 }]);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await c.countDocuments({ _id: 1 })) > 0) await new Promise((r) => setTimeout(r, 200));
    expect((await c.find({}).toArray()).map((d) => d._id)).toEqual([2, 3]);
  });

  it("refuses index types it cannot serve", async () => {
    if (!p.embedded) return;
    const c = coll();
    expect((await mongoError(c.createIndex({ body: "text" }))).code).toBe(238);
    expect((await mongoError(c.createIndex({ loc: "2dsphere" }))).code).toBe(238);
  });
  it("keeps 64-bit integers exact in unique indexes, equality and order", async () => {
    const c = p.db.collection("bigints");
    await c.createIndex({ msgId: 1 }, { unique: true });
    const a = Long.fromString("9007199254740993");
    const b = Long.fromString("9007199254740992");
    await c.insertMany([{ msgId: a }, { msgId: b }]);
    expect(await c.countDocuments({ msgId: a })).toBe(1);
    expect(await c.countDocuments({ msgId: { $gt: b } })).toBe(1);
    await expect(c.insertOne({ msgId: Long.fromString("9007199254740993") })).rejects.toMatchObject({ code: 11000 });
    expect(await p.db.collection("bigints").countDocuments({ msgId: { $gt: new Decimal128("9007199254740992.5") } })).toBe(1);
  });
});
