import { Long } from "mongodb";
import { useParityDb, mongoError } from "./support";

describe("cursors (parity)", () => {
  const p = useParityDb();
  beforeAll(async () => {
    const docs = Array.from({ length: 5_000 }, (_, i) => ({ _id: i, g: i % 7, pad: "x".repeat(50) }));
    await p.db.collection("many").insertMany(docs);
  });

  it("iterates thousands of documents over getMore batches with 64-bit cursor ids", async () => {
    const cursor = p.db.collection("many").find({}, { batchSize: 500, sort: { _id: 1 } });
    let count = 0;
    let last = -1;
    for await (const d of cursor) {
      expect(d._id).toBe(last + 1);
      last = d._id as number;
      count++;
    }
    expect(count).toBe(5_000);
    const raw = await p.db.command({ find: "many", filter: {}, batchSize: 2 });
    expect(raw.cursor.id).toBeInstanceOf(Long);
    expect(Number(raw.cursor.id)).not.toBe(0);
    expect(raw.cursor.firstBatch).toHaveLength(2);
    const more = await p.db.command({ getMore: raw.cursor.id, collection: "many", batchSize: 3 });
    expect(more.cursor.nextBatch).toHaveLength(3);
    const killed = await p.db.command({ killCursors: "many", cursors: [raw.cursor.id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    const gone = await mongoError(p.db.command({ getMore: raw.cursor.id, collection: "many" }));
    expect(gone.code).toBe(43);
  });

  it("honours limit, skip and a single batch", async () => {
    const docs = await p.db.collection("many").find({ g: 3 }).sort({ _id: -1 }).skip(2).limit(5).toArray();
    expect(docs.map((d) => d._id)).toEqual([4980, 4973, 4966, 4959, 4952]);
    const single = await p.db.command({ find: "many", filter: {}, batchSize: 10, singleBatch: true });
    expect(Number(single.cursor.id)).toBe(0);
  });

  it("aggregate cursors batch too", async () => {
    const docs = await p.db.collection("many").aggregate([{ $match: { g: 1 } }, { $project: { _id: 1 } }], { batchSize: 100 }).toArray();
    expect(docs).toHaveLength(715);
  });

  it("answers an empty result for a missing collection", async () => {
    expect(await p.db.collection("does_not_exist").find({ a: 1 }).toArray()).toEqual([]);
    expect(await p.db.collection("does_not_exist").countDocuments()).toBe(0);
  });
  it("opens a cursor without documents for batchSize 0", async () => {
    const raw = await p.db.command({ find: "many", filter: { g: 2 }, batchSize: 0 });
    expect(raw.cursor.firstBatch).toHaveLength(0);
    expect(Number(raw.cursor.id)).not.toBe(0);
    const more = await p.db.command({ getMore: raw.cursor.id, collection: "many" });
    expect(more.cursor.nextBatch).toHaveLength(714);
    expect(Number(more.cursor.id)).toBe(0);
  });
});
