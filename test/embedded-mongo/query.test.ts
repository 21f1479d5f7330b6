import { Decimal128, Int32, Long, ObjectId, Double } from "mongodb";
import { useParityDb, mongoError } from "./support";

describe("query semantics (parity)", () => {
  const p = useParityDb();
  const ids = async (filter: object, coll = "q") =>
    (await p.db.collection(coll).find(filter, { sort: { _id: 1 } }).project({ _id: 1 }).toArray()).map((d) => d._id);

  beforeAll(async () => {
    await p.db.collection("q").insertMany([
      { _id: 1, a: 1, s: "apple", tags: ["x", "y"], n: { b: 1 } },
      { _id: 2, a: 2.5, s: "Banana", tags: ["y"], n: { b: [1, 2] } },
      { _id: 3, a: new Long(3), s: "cherry", tags: [], items: [{ k: "a", v: 1 }, { k: "b", v: 5 }] },
      { _id: 4, a: null, items: [{ k: "a", v: 7 }] },
      { _id: 5, s: "date", a: "1", tags: [["x", "y"], "z"] },
      { _id: 6, a: new Decimal128("4"), d: new Date("2026-01-01T00:00:00Z") },
      { _id: 7, a: [1, 10], s: 5 },
    ]);
  });

  it("compares numbers across int, long, double and decimal", async () => {
    expect(await ids({ a: { $gte: 2, $lte: 4 } })).toEqual([2, 3, 6, 7]);
    expect(await ids({ a: 3 })).toEqual([3]);
    expect(await ids({ a: new Double(1) })).toEqual([1, 7]);
  });

  it("does not compare across type brackets", async () => {
    expect(await ids({ a: { $gt: 0 } })).toEqual([1, 2, 3, 6, 7]);
    expect(await ids({ s: { $gt: "" } })).toEqual([1, 2, 3, 5]);
    expect(await ids({ a: { $lt: "9" } })).toEqual([5]);
  });

  it("null matches null and missing, and $exists distinguishes them", async () => {
    expect(await ids({ a: null })).toEqual([4]);
    expect(await ids({ d: null })).toEqual([1, 2, 3, 4, 5, 7]);
    expect(await ids({ a: { $exists: false } })).toEqual([]);
    expect(await ids({ d: { $exists: true } })).toEqual([6]);
    expect(await ids({ a: { $ne: null } })).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it("matches array elements and whole arrays", async () => {
    expect(await ids({ tags: "y" })).toEqual([1, 2]);
    expect(await ids({ tags: ["x", "y"] })).toEqual([1, 5]);
    expect(await ids({ tags: [] })).toEqual([3]);
    expect(await ids({ a: { $gt: 5, $lt: 2 } })).toEqual([7]);
    expect(await ids({ a: { $elemMatch: { $gt: 5, $lt: 20 } } })).toEqual([7]);
  });

  it("walks dotted paths through arrays of documents", async () => {
    expect(await ids({ "items.k": "a" })).toEqual([3, 4]);
    expect(await ids({ "items.v": { $gt: 6 } })).toEqual([4]);
    expect(await ids({ "items.0.v": 1 })).toEqual([3]);
    expect(await ids({ "n.b": 2 })).toEqual([2]);
    expect(await ids({ items: { $elemMatch: { k: "b", v: { $gte: 5 } } } })).toEqual([3]);
    expect(await ids({ "items.k": "b", "items.v": 1 })).toEqual([3]);
    expect(await ids({ items: { $elemMatch: { k: "b", v: 1 } } })).toEqual([]);
  });

  it("supports $in, $nin, $all, $size, $type, $mod, $not, $nor, $or, $and", async () => {
    expect(await ids({ s: { $in: ["apple", /^ch/] } })).toEqual([1, 3]);
    expect(await ids({ _id: { $nin: [1, 2, 3] } })).toEqual([4, 5, 6, 7]);
    expect(await ids({ tags: { $all: ["x", "y"] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 1 } })).toEqual([2]);
    expect(await ids({ a: { $type: "number" } })).toEqual([1, 2, 3, 6, 7]);
    expect(await ids({ a: { $type: "long" } })).toEqual([3]);
    expect(await ids({ a: { $type: ["string", "null"] } })).toEqual([4, 5]);
    expect(await ids({ a: { $type: "array" } })).toEqual([7]);
    expect(await ids({ _id: { $mod: [3, 1] } })).toEqual([1, 4, 7]);
    expect(await ids({ a: { $not: { $gt: 2 } } })).toEqual([1, 4, 5]);
    expect(await ids({ $nor: [{ a: 1 }, { s: "date" }] })).toEqual([2, 3, 4, 6]);
    expect(await ids({ $or: [{ a: 1 }, { s: "date" }], _id: { $lt: 5 } })).toEqual([1]);
    expect(await ids({ $and: [{ _id: { $gt: 1 } }, { _id: { $lt: 3 } }] })).toEqual([2]);
  });

  it("supports $regex with options, including on arrays", async () => {
    expect(await ids({ s: { $regex: "^b", $options: "i" } })).toEqual([2]);
    expect(await ids({ s: /AN/i })).toEqual([2]);
    expect(await ids({ tags: /^z/ })).toEqual([5]);
    expect(await ids({ s: { $not: /a/ } })).toEqual([3, 4, 6, 7]);
  });

  it("supports $expr with aggregation expressions", async () => {
    await p.db.collection("e").insertMany([
      { _id: 1, x: 5, y: 3 },
      { _id: 2, x: 1, y: 9 },
    ]);
    expect(await ids({ $expr: { $gt: ["$x", "$y"] } }, "e")).toEqual([1]);
    expect(await ids({ $expr: { $eq: [{ $add: ["$x", "$y"] }, 10] } }, "e")).toEqual([2]);
  });

  it("sorts in BSON type order with missing fields first", async () => {
    await p.db.collection("sorted").insertMany([
      { _id: 1, v: "b" },
      { _id: 2, v: 10 },
      { _id: 3 },
      { _id: 4, v: null },
      { _id: 5, v: new ObjectId("000000000000000000000001") },
      { _id: 6, v: true },
      { _id: 7, v: new Date(0) },
      { _id: 8, v: { a: 1 } },
      { _id: 9, v: [0, 20] },
      { _id: 10, v: new Int32(2) },
    ]);
    const asc = (await p.db.collection("sorted").find({}, { sort: { v: 1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(asc).toEqual([3, 4, 9, 10, 2, 1, 8, 5, 6, 7]);
    const desc = (await p.db.collection("sorted").find({}, { sort: { v: -1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(desc).toEqual([7, 6, 5, 8, 1, 9, 2, 10, 3, 4]);
  });

  it("applies projections and refuses mixing inclusion with exclusion", async () => {
    const doc = await p.db.collection("q").findOne({ _id: 3 }, { projection: { s: 1, "items.k": 1 } });
    expect(doc).toEqual({ _id: 3, s: "cherry", items: [{ k: "a" }, { k: "b" }] });
    const ex = await p.db.collection("q").findOne({ _id: 1 }, { projection: { tags: 0, n: 0, _id: 0 } });
    expect(ex).toEqual({ a: 1, s: "apple" });
    const sl = await p.db.collection("q").findOne({ _id: 1 }, { projection: { tags: { $slice: -1 }, s: 1 } });
    expect(sl).toEqual({ _id: 1, s: "apple", tags: ["y"] });
    const em = await p.db.collection("q").findOne({ _id: 3 }, { projection: { items: { $elemMatch: { v: { $gt: 2 } } } } });
    expect(em).toEqual({ _id: 3, items: [{ k: "b", v: 5 }] });
    const pos = await p.db.collection("q").findOne({ "items.k": "b" }, { projection: { "items.$": 1 } });
    expect(pos).toEqual({ _id: 3, items: [{ k: "b", v: 5 }] });
    const err = await mongoError(p.db.collection("q").findOne({}, { projection: { a: 1, s: 0 } }));
    expect(err.code).toBe(31254);
  });

  it("refuses unknown operators and server-side JavaScript with MongoDB's codes", async () => {
    expect((await mongoError(p.db.collection("q").findOne({ a: { $foo: 1 } }))).code).toBe(2);
    expect((await mongoError(p.db.collection("q").findOne({ $foo: 1 }))).code).toBe(2);
    const where = await mongoError(p.db.collection("q").findOne({ $where: "this.a > 1" }));
    expect(where.code).toBeDefined();
    const text = await mongoError(p.db.collection("q").findOne({ $text: { $search: "x" } }));
    expect(text.code).toBe(27);
  });

  it("counts, distinct and estimated counts", async () => {
    expect(await p.db.collection("q").countDocuments({ a: { $type: "number" } })).toBe(5);
    expect(await p.db.collection("q").estimatedDocumentCount()).toBe(7);
    expect((await p.db.collection("q").distinct("tags")).sort()).toEqual(["x", "y", "z", ["x", "y"]].sort());
    expect(await p.db.collection("q").distinct("items.k")).toEqual(["a", "b"]);
  });
  it("sorts empty arrays before null and missing, in both directions, and honours $natural", async () => {
    const c = p.db.collection("emptysort");
    await c.insertMany([{ _id: 1, a: 1 }, { _id: 2 }, { _id: 3, a: [] }, { _id: 4, a: [1] }, { _id: 5, a: [0, 1] }]);
    const asc = (await c.find({}, { sort: { a: 1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(asc).toEqual([3, 2, 5, 1, 4]);
    const desc = (await c.find({}, { sort: { a: -1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(desc).toEqual([1, 4, 5, 2, 3]);
    const natural = (await c.find({}).sort({ $natural: -1 }).limit(2).toArray()).map((d) => d._id);
    expect(natural).toEqual([5, 4]);
  });

  it("orders and compares strings by collation", async () => {
    const c = p.db.collection("names");
    await c.insertMany([{ _id: 1, n: "b" }, { _id: 2, n: "B" }, { _id: 3, n: "a" }, { _id: 4, n: "á" }, { _id: 5, n: "A" }]);
    const en = (await c.find({}, { sort: { n: 1 }, collation: { locale: "en" } }).toArray()).map((d) => d.n);
    expect(en).toEqual(["a", "A", "á", "b", "B"]);
    const upper = (await c.find({}, { sort: { n: 1 }, collation: { locale: "en", caseFirst: "upper" } }).toArray()).map((d) => d.n);
    expect(upper).toEqual(["A", "a", "á", "B", "b"]);
    expect(await c.countDocuments({ n: "a" }, { collation: { locale: "en", strength: 2 } })).toBe(2);
    expect(await c.countDocuments({ n: "a" }, { collation: { locale: "en", strength: 1 } })).toBe(3);
    expect((await mongoError(c.findOne({ n: "a" }, { collation: { locale: "xx_NOPE" } }))).code).toBe(2);
  });

  it("applies the regex options x and s and refuses unknown ones", async () => {
    expect(await ids({ s: { $regex: "a p p # the fruit\n le", $options: "x" } })).toEqual([1]);
    const c = p.db.collection("multiline");
    await c.insertOne({ _id: 1, t: "first\nsecond" });
    expect(await c.countDocuments({ t: { $regex: "first.second", $options: "s" } })).toBe(1);
    expect(await c.countDocuments({ t: { $regex: "first.second" } })).toBe(0);
    expect(await c.countDocuments({ t: { $regex: "^second", $options: "m" } })).toBe(1);
    expect((await mongoError(c.findOne({ t: { $regex: "x", $options: "z" } }))).code).toBe(51108);
  });

  it("projects $elemMatch with an operator condition on scalar arrays", async () => {
    const c = p.db.collection("scores");
    await c.insertOne({ _id: 1, s: [3, 8, 12], name: "x" });
    expect(await c.findOne({ _id: 1 }, { projection: { s: { $elemMatch: { $gt: 5 } } } })).toEqual({ _id: 1, s: [8] });
  });
});
