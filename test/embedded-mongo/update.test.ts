import { Double, Int32, Long, Timestamp } from "mongodb";
import { useParityDb, mongoError } from "./support";

describe("update semantics (parity)", () => {
  const p = useParityDb();
  let n = 0;
  const coll = () => p.db.collection(`u${++n}`);

  it("applies field operators and keeps numeric types", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, i: new Int32(1), d: 1.5, l: Long.fromNumber(5), s: "x", arr: [1, 2], o: { a: 1 } });
    await c.updateOne({ _id: 1 }, { $inc: { i: 2, d: 1, l: 1, missing: 3 }, $mul: { o_a: 2 }, $set: { "o.b": 2, s: "y" }, $unset: { arr: "" } });
    const doc = await c.findOne({ _id: 1 });
    expect(doc).toMatchObject({ i: 3, d: 2.5, l: 6, missing: 3, o: { a: 1, b: 2 }, s: "y", o_a: 0 });
    expect(doc).not.toHaveProperty("arr");
    expect(await c.countDocuments({ i: { $type: "int" } })).toBe(1);
    expect(await c.countDocuments({ l: { $type: "long" } })).toBe(1);
    expect(await c.countDocuments({ d: { $type: "double" } })).toBe(1);
    await c.updateOne({ _id: 1 }, { $inc: { i: new Double(0.5) } });
    expect(await c.countDocuments({ i: { $type: "double" } })).toBe(1);
  });

  it("reports matched and modified counts (no-op updates modify nothing)", async () => {
    const c = coll();
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 1 }]);
    const same = await c.updateMany({}, { $set: { v: 1 } });
    expect(same).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    const changed = await c.updateOne({ _id: 2 }, { $set: { v: 2 } });
    expect(changed).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
  });

  it("$min, $max, $rename, $currentDate", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, lo: 5, hi: 5, old: "v" });
    await c.updateOne({ _id: 1 }, { $min: { lo: 3 }, $max: { hi: 9 }, $rename: { old: "renamed" }, $currentDate: { at: true, ts: { $type: "timestamp" } } });
    const doc = await c.findOne({ _id: 1 });
    expect(doc).toMatchObject({ lo: 3, hi: 9, renamed: "v" });
    expect(doc!.at).toBeInstanceOf(Date);
    expect(doc!.ts).toBeInstanceOf(Timestamp);
    expect(doc).not.toHaveProperty("old");
  });

  it("$push with $each/$position/$sort/$slice, $addToSet, $pull, $pullAll, $pop", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, a: [3, 1], s: ["x"], items: [{ k: 1 }, { k: 2 }, { k: 3 }], q: [1, 2, 3, 2] });
    await c.updateOne({ _id: 1 }, { $push: { a: { $each: [5, 2], $sort: -1, $slice: 3 } } });
    expect((await c.findOne({ _id: 1 }))!.a).toEqual([5, 3, 2]);
    await c.updateOne({ _id: 1 }, { $push: { a: { $each: [9], $position: 0 } } });
    expect((await c.findOne({ _id: 1 }))!.a).toEqual([9, 5, 3, 2]);
    await c.updateOne({ _id: 1 }, { $addToSet: { s: { $each: ["x", "y", "y"] } } });
    expect((await c.findOne({ _id: 1 }))!.s).toEqual(["x", "y"]);
    await c.updateOne({ _id: 1 }, { $pull: { items: { k: { $gte: 2 } }, a: { $in: [9, 3] } } });
    const d = await c.findOne({ _id: 1 });
    expect(d!.items).toEqual([{ k: 1 }]);
    expect(d!.a).toEqual([5, 2]);
    await c.updateOne({ _id: 1 }, { $pullAll: { q: [2] }, $pop: { s: -1 } });
    const e = await c.findOne({ _id: 1 });
    expect(e!.q).toEqual([1, 3]);
    expect(e!.s).toEqual(["y"]);
  });

  it("positional $, $[] and $[identifier] with arrayFilters", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, grades: [{ g: 80, m: 1 }, { g: 95, m: 2 }, { g: 60, m: 3 }], vals: [1, 2, 3] });
    await c.updateOne({ _id: 1, "grades.g": 95 }, { $set: { "grades.$.top": true } });
    await c.updateOne({ _id: 1 }, { $inc: { "vals.$[]": 10 } });
    await c.updateOne({ _id: 1 }, { $set: { "grades.$[low].pass": false } }, { arrayFilters: [{ "low.g": { $lt: 70 } }] });
    const doc = await c.findOne({ _id: 1 });
    expect(doc!.grades).toEqual([{ g: 80, m: 1 }, { g: 95, m: 2, top: true }, { g: 60, m: 3, pass: false }]);
    expect(doc!.vals).toEqual([11, 12, 13]);
    const noMatch = await mongoError(c.updateOne({ _id: 1 }, { $set: { "grades.$.x": 1 } }));
    expect(noMatch.code).toBe(2);
    const unused = await mongoError(c.updateOne({ _id: 1 }, { $set: { a: 1 } }, { arrayFilters: [{ "x.g": 1 }] }));
    expect(unused.code).toBe(9);
  });

  it("upserts seed equality fields from the query and apply $setOnInsert only on insert", async () => {
    const c = coll();
    const r = await c.updateOne({ code: "A", "meta.kind": "x", n: { $gt: 1 } }, { $set: { v: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(r.upsertedCount).toBe(1);
    const doc = await c.findOne({ code: "A" });
    expect(doc).toMatchObject({ code: "A", meta: { kind: "x" }, v: 1, created: true });
    expect(doc).not.toHaveProperty("n");
    await c.updateOne({ code: "A" }, { $set: { v: 2 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(await c.findOne({ code: "A" })).toMatchObject({ v: 2, created: true });
    const withId = await c.updateOne({ _id: "fixed" as unknown as never }, { $set: { a: 1 } }, { upsert: true });
    expect(withId.upsertedId).toBe("fixed");
  });

  it("replacement keeps _id and refuses to change it", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, a: 1, b: 2 });
    await c.replaceOne({ _id: 1 }, { c: 3 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
    const err = await mongoError(c.replaceOne({ _id: 1 }, { _id: 2, c: 3 }));
    expect(err.code).toBe(66);
    const setId = await mongoError(c.updateOne({ _id: 1 }, { $set: { _id: 5 } }));
    expect(setId.code).toBe(66);
  });

  it("pipeline updates compute from the document", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, a: 2, b: 3 });
    await c.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ["$a", "$b"] }, tag: { $concat: ["x", "-", "y"] } } }, { $unset: "b" }]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2, sum: 5, tag: "x-y" });
  });

  it("fails with MongoDB's codes for type errors and conflicts", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, s: "text", a: 1, arr: 5 });
    expect((await mongoError(c.updateOne({ _id: 1 }, { $inc: { s: 1 } }))).code).toBe(14);
    expect((await mongoError(c.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).code).toBe(40);
    expect((await mongoError(c.updateOne({ _id: 1 }, { $set: { a: 1, "a.b": 2 } }))).code).toBe(40);
    expect((await mongoError(c.updateOne({ _id: 1 }, { $set: { "a.b": 1 } }))).code).toBe(28);
    expect((await mongoError(c.updateOne({ _id: 1 }, { $push: { arr: 1 } }))).code).toBe(2);
    expect((await mongoError(c.updateOne({ _id: 1 }, { $foo: { a: 1 } } as never))).code).toBe(9);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: "text", a: 1, arr: 5 });
  });

  it("findOneAndUpdate returns before/after and supports sort, projection and upsert", async () => {
    const c = coll();
    await c.insertMany([{ _id: 1, p: 1, v: 0 }, { _id: 2, p: 2, v: 0 }]);
    const before = await c.findOneAndUpdate({}, { $inc: { v: 1 } }, { sort: { p: -1 }, projection: { v: 1 } });
    expect(before).toEqual({ _id: 2, v: 0 });
    const after = await c.findOneAndUpdate({ _id: 2 }, { $inc: { v: 1 } }, { returnDocument: "after" });
    expect(after).toMatchObject({ _id: 2, v: 2 });
    const up = await c.findOneAndUpdate({ _id: 3 }, { $set: { v: 9 } }, { upsert: true, returnDocument: "after" });
    expect(up).toEqual({ _id: 3, v: 9 });
    const removed = await c.findOneAndDelete({ p: 1 });
    expect(removed).toMatchObject({ _id: 1 });
    expect(await c.countDocuments()).toBe(2);
  });

  it("bulkWrite mixes operations and reports per-kind counts", async () => {
    const c = coll();
    const r = await c.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 2 } } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 1 } } },
    ]);
    expect(r.insertedCount).toBe(1);
    expect(r.modifiedCount).toBe(1);
    expect(r.upsertedCount).toBe(1);
    expect(r.deletedCount).toBe(1);
  });
  it("treats numbers of different types as duplicates in $addToSet and type changes as modifications", async () => {
    const c = p.db.collection("numeq");
    await c.insertOne({ _id: 1, a: [1, 2], n: 5 });
    const r = await c.updateOne({ _id: 1 }, { $addToSet: { a: { $each: [new Double(1), Long.fromNumber(2), 3] } } });
    expect(r.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: 1 }))!.a).toEqual([1, 2, 3]);
    expect((await c.updateOne({ _id: 1 }, { $set: { n: 5 } })).modifiedCount).toBe(0);
    expect((await c.updateOne({ _id: 1 }, { $set: { n: new Double(5) } })).modifiedCount).toBe(1);
    expect(await c.countDocuments({ n: { $type: "double" } })).toBe(1);
    await c.updateOne({ _id: 1 }, { $pullAll: { a: [new Double(2)] } });
    expect((await c.findOne({ _id: 1 }))!.a).toEqual([1, 3]);
  });

  it("reports unsatisfiable write concerns on a single node after writing", async () => {
    const c = p.db.collection("wc");
    const err = await mongoError(c.insertOne({ _id: 1 }, { writeConcern: { w: 5, wtimeoutMS: 100 } }));
    expect(err.code).toBe(100);
    expect(await c.countDocuments({ _id: 1 })).toBe(1);
    await c.insertOne({ _id: 2 }, { writeConcern: { w: "majority", j: true } });
    expect(await c.countDocuments()).toBe(2);
  });
});
