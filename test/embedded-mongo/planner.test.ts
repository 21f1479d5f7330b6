import { Int32, Long, type Document } from "mongodb";
import { useParityDb } from "./support";

/** A small deterministic random generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe("indexed queries return what a collection scan returns (parity)", () => {
  const p = useParityDb();
  const random = rng(42);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const values = [1, 2, 3, new Int32(2), Long.fromNumber(3), 2.5, "a", "b", "B", null, new Date(0), new Date(1000), true];
  const docs: Document[] = Array.from({ length: 400 }, (_, i) => {
    const d: Document = { _id: i, seq: i };
    if (random() < 0.9) d.a = pick(values);
    if (random() < 0.9) d.b = pick(values);
    d.c = Math.floor(random() * 20);
    if (i % 50 === 0) d.tags = [pick(values), pick(values)];
    return d;
  });

  beforeAll(async () => {
    await p.db.collection("scan").insertMany(docs);
    const ix = p.db.collection("indexed");
    await ix.insertMany(docs);
    await ix.createIndex({ a: 1, b: -1 });
    await ix.createIndex({ c: 1 });
    await ix.createIndex({ tags: 1, c: 1 });
  });

  const filters: Document[] = [
    { a: 2 },
    { a: null },
    { a: 2, b: { $gte: 1 } },
    { a: { $gt: 1, $lte: 3 } },
    { a: { $lt: "b" } },
    { a: { $gte: new Date(0) } },
    { c: { $gte: 5, $lt: 9 } },
    { c: { $in: [1, 2, 3] } },
    { tags: 2 },
    { a: "b", b: { $lt: 3 } },
    { $and: [{ a: { $gte: 2 } }, { c: 4 }] },
    { a: { $ne: 2 }, c: { $gt: 15 } },
    { $or: [{ a: 2 }, { c: 4 }] },
    { c: 4 },
    { c: { $eq: 7 } },
    { a: "b" },
    { a: { $in: [2, "a", true] } },
    { a: new Date(1000) },
    { $or: [{ c: 4 }, { tags: 2 }] },
    { $or: [{ a: 2.5 }, { a: new Int32(2) }, { _id: 3 }] },
    { $or: [{ a: null }, { tags: 2 }] },
    { $or: [{ _id: 7 }, { c: { $in: [1, 19] } }], b: { $ne: "a" } },
    { $and: [{ $or: [{ a: "b" }, { tags: "a" }] }, { c: { $lt: 10 } }] },
    { $or: [{ a: 2 }, { b: 3 }] },
    { $or: [{ a: 2, b: { $gte: 2 } }, { $or: [{ c: 3 }, { c: 5 }] }] },
    {},
  ];
  const sorts: (Document | null)[] = [null, { a: 1 }, { a: -1 }, { a: 1, b: -1 }, { a: -1, b: 1 }, { b: 1 }, { c: -1 }, { _id: -1 }, { tags: 1 }];

  it("for filters × sorts × limits", async () => {
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const limit of [0, 3]) {
          // A unique tie-breaker makes the expected order total.
          const order = sort ? { ...sort, seq: 1 } : { seq: 1 };
          const expected = (await p.db.collection("scan").find(filter).sort(order).limit(limit).toArray()).map((d) => d._id);
          const actual = (await p.db.collection("indexed").find(filter).sort(order).limit(limit).toArray()).map((d) => d._id);
          expect({ filter, sort, limit, ids: actual }).toEqual({ filter, sort, limit, ids: expected });
          if (!sort) {
            const count = await p.db.collection("indexed").countDocuments(filter);
            expect(count).toBe(await p.db.collection("scan").countDocuments(filter));
          }
        }
      }
    }
  }, 60_000);

  it("uses an index for an equality prefix plus sort and for the newest-first page", async () => {
    if (!p.embedded) return; // plan shapes differ between planners; results are checked above
    const ix = p.db.collection("indexed");
    const e1 = await ix.find({ a: 2 }).sort({ b: -1 }).limit(5).explain();
    expect(JSON.stringify(e1.queryPlanner.winningPlan)).toContain('"indexName":"a_1_b_-1"');
    expect(JSON.stringify(e1.queryPlanner.winningPlan)).not.toContain('"SORT"');
    const e2 = await ix.find({}).sort({ _id: -1 }).limit(20).explain();
    expect(JSON.stringify(e2.queryPlanner.winningPlan)).toContain('"direction":"backward"');
    const e4 = await ix.find({ $or: [{ a: 2 }, { c: 4 }] }).explain();
    expect(JSON.stringify(e4.queryPlanner.winningPlan)).toContain('"stage":"OR"');
    const e5 = await ix.find({ $or: [{ a: 2 }, { b: 3 }] }).explain();
    expect(JSON.stringify(e5.queryPlanner.winningPlan)).toContain('"COLLSCAN"');
    const e3 = await ix.find({ c: { $gt: 3 } }).explain();
    expect(e3.queryPlanner.winningPlan.inputStage.indexName).toBe("c_1");
  });
});
