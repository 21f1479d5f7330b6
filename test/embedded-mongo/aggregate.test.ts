import { useParityDb, mongoError } from "./support";

describe("aggregation (parity)", () => {
  const p = useParityDb();
  beforeAll(async () => {
    await p.db.collection("orders").insertMany([
      { _id: 1, dept: "a", amount: 10, items: ["x", "y"], at: new Date("2026-01-05T10:00:00Z"), user: 1 },
      { _id: 2, dept: "a", amount: 20, items: ["y"], at: new Date("2026-02-01T10:00:00Z"), user: 2 },
      { _id: 3, dept: "b", amount: 5, items: [], at: new Date("2026-02-03T10:00:00Z"), user: 1 },
      { _id: 4, dept: "c", amount: 50, at: new Date("2026-03-01T10:00:00Z"), user: 3 },
    ]);
    await p.db.collection("users").insertMany([
      { _id: 1, name: "张三" },
      { _id: 2, name: "李四" },
    ]);
  });
  const agg = (pipeline: object[]) => p.db.collection("orders").aggregate(pipeline).toArray();

  it("$match, $group with accumulators, $sort, $project", async () => {
    const r = await agg([
      { $match: { amount: { $gte: 5 } } },
      { $group: { _id: "$dept", total: { $sum: "$amount" }, avg: { $avg: "$amount" }, max: { $max: "$amount" }, n: { $sum: 1 }, ids: { $push: "$_id" }, first: { $first: "$_id" } } },
      { $sort: { total: -1 } },
      { $project: { _id: 0, dept: "$_id", total: 1, avg: 1, max: 1, n: 1, ids: 1, first: 1 } },
    ]);
    expect(r).toEqual([
      { total: 50, avg: 50, max: 50, n: 1, ids: [4], first: 4, dept: "c" },
      { total: 30, avg: 15, max: 20, n: 2, ids: [1, 2], first: 1, dept: "a" },
      { total: 5, avg: 5, max: 5, n: 1, ids: [3], first: 3, dept: "b" },
    ]);
  });

  it("$unwind with options, $count, $skip, $limit", async () => {
    expect((await agg([{ $unwind: "$items" }, { $count: "n" }]))[0]).toEqual({ n: 3 });
    const kept = await agg([{ $unwind: { path: "$items", preserveNullAndEmptyArrays: true, includeArrayIndex: "idx" } }, { $project: { items: 1, idx: 1 } }]);
    expect(kept).toEqual([
      { _id: 1, items: "x", idx: 0 },
      { _id: 1, items: "y", idx: 1 },
      { _id: 2, items: "y", idx: 0 },
      { _id: 3, idx: null },
      { _id: 4, idx: null },
    ]);
    expect((await agg([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 2 }])).map((d) => d._id)).toEqual([2, 3]);
    expect(await agg([{ $match: { dept: "zzz" } }, { $count: "n" }])).toEqual([]);
  });

  it("$lookup with fields and with a pipeline", async () => {
    const r = await agg([{ $match: { _id: { $in: [1, 4] } } }, { $lookup: { from: "users", localField: "user", foreignField: "_id", as: "u" } }, { $project: { "u.name": 1 } }]);
    expect(r).toEqual([{ _id: 1, u: [{ name: "张三" }] }, { _id: 4, u: [] }]);
    const r2 = await agg([
      { $match: { _id: 2 } },
      { $lookup: { from: "users", let: { uid: "$user" }, pipeline: [{ $match: { $expr: { $eq: ["$_id", "$$uid"] } } }, { $project: { _id: 0, name: 1 } }], as: "u" } },
      { $project: { u: 1 } },
    ]);
    expect(r2).toEqual([{ _id: 2, u: [{ name: "李四" }] }]);
  });

  it("$facet, $addFields/$set, $unset, $replaceRoot, $sortByCount, $bucket", async () => {
    const [f] = await agg([{ $facet: { total: [{ $count: "n" }], byDept: [{ $sortByCount: "$dept" }, { $limit: 1 }] } }]);
    expect(f).toEqual({ total: [{ n: 4 }], byDept: [{ _id: "a", count: 2 }] });
    const s = await agg([{ $match: { _id: 1 } }, { $set: { double: { $multiply: ["$amount", 2] }, "meta.month": { $month: "$at" } } }, { $unset: ["items", "at", "user"] }]);
    expect(s).toEqual([{ _id: 1, dept: "a", amount: 10, double: 20, meta: { month: 1 } }]);
    const rr = await agg([{ $match: { _id: 2 } }, { $replaceRoot: { newRoot: { d: "$dept", a: "$amount" } } }]);
    expect(rr).toEqual([{ d: "a", a: 20 }]);
    const b = await agg([{ $bucket: { groupBy: "$amount", boundaries: [0, 10, 30], default: "other", output: { n: { $sum: 1 } } } }]);
    expect(b).toEqual([{ _id: 0, n: 1 }, { _id: 10, n: 2 }, { _id: "other", n: 1 }]);
  });

  it("date and string expressions with time zones", async () => {
    const r = await agg([
      { $match: { _id: 1 } },
      { $project: { _id: 0, day: { $dateToString: { date: "$at", format: "%Y-%m-%d %H:%M", timezone: "Asia/Shanghai" } }, up: { $toUpper: "$dept" }, parts: { $split: ["a-b-c", "-"] }, cond: { $cond: [{ $gt: ["$amount", 5] }, "big", "small"] } } },
    ]);
    expect(r).toEqual([{ day: "2026-01-05 18:00", up: "A", parts: ["a", "b", "c"], cond: "big" }]);
  });

  it("never changes stored documents", async () => {
    await agg([{ $set: { amount: 0, items: [] } }, { $unwind: "$items" }]);
    expect((await p.db.collection("orders").findOne({ _id: 1 }))!.amount).toBe(10);
  });

  it("refuses unknown stages and unsupported ones with MongoDB codes", async () => {
    expect((await mongoError(agg([{ $nope: {} }]))).code).toBe(40324);
    expect((await mongoError(agg([{ $project: { x: { $nope: 1 } } }]))).code).toBe(168);
    expect((await mongoError(agg([{ $group: { _id: null, x: { $nope: 1 } } }]))).code).toBe(15952);
  });
  it("keeps MongoDB's result types: $avg is a double, decimal arithmetic is exact, $dateDiff is a long", async () => {
    const r = await p.db
      .collection("orders")
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            avg: { $avg: [2, 4] },
            dec: { $add: [{ $toDecimal: "0.1" }, { $toDecimal: "0.2" }] },
            floor: { $floor: 2.5 },
            diff: { $dateDiff: { startDate: "$at", endDate: new Date("2026-01-07T00:00:00Z"), unit: "day" } },
            round: { $round: [19.25, 1] },
          },
        },
        { $project: { avg: { $type: "$avg" }, dec: { $toString: "$dec" }, floor: { $type: "$floor" }, diff: { $type: "$diff" }, diffValue: "$diff", round: 1 } },
      ])
      .toArray();
    expect(r).toEqual([{ _id: 1, avg: "double", dec: "0.3", floor: "double", diff: "long", diffValue: 2, round: 19.2 }]);
  });

  it("supports date parts in a time zone, $week/$isoWeek, $dateTrunc with binSize and $dateFromParts", async () => {
    const [r] = await agg([
      { $match: { _id: 1 } },
      {
        $project: {
          _id: 0,
          local: { $dateToString: { date: "$at", format: "%Y-%m-%d %H:%M", timezone: "Asia/Shanghai" } },
          hour: { $hour: { date: "$at", timezone: "+08:00" } },
          week: { $week: "$at" },
          isoWeek: { $isoWeek: "$at" },
          trunc: { $dateTrunc: { date: "$at", unit: "hour", binSize: 6 } },
          parts: { $dateFromParts: { year: 2026, month: 2, day: 30, timezone: "Asia/Shanghai" } },
        },
      },
    ]);
    expect(r).toEqual({
      local: "2026-01-05 18:00",
      hour: 18,
      week: 1,
      isoWeek: 2,
      trunc: new Date("2026-01-05T06:00:00Z"),
      parts: new Date("2026-03-01T16:00:00Z"),
    });
  });

  it("supports $topN, $firstN, $bucketAuto, $graphLookup and $redact", async () => {
    const top = await agg([{ $group: { _id: null, top: { $topN: { n: 2, sortBy: { amount: -1 }, output: "$_id" } }, first: { $firstN: { n: 2, input: "$_id" } } } }]);
    expect(top).toEqual([{ _id: null, top: [4, 2], first: [1, 2] }]);
    const auto = await agg([{ $bucketAuto: { groupBy: "$amount", buckets: 2 } }]);
    expect(auto).toEqual([
      { _id: { min: 5, max: 20 }, count: 2 },
      { _id: { min: 20, max: 50 }, count: 2 },
    ]);
    await p.db.collection("staff").insertMany([
      { _id: "a", boss: null },
      { _id: "b", boss: "a" },
      { _id: "c", boss: "b" },
    ]);
    const chain = await p.db
      .collection("staff")
      .aggregate([{ $match: { _id: "c" } }, { $graphLookup: { from: "staff", startWith: "$boss", connectFromField: "boss", connectToField: "_id", as: "chain", depthField: "d" } }, { $project: { ids: "$chain._id" } }])
      .toArray();
    expect(chain[0].ids.sort()).toEqual(["a", "b"]);
    const red = await agg([{ $match: { _id: 1 } }, { $redact: { $cond: [{ $eq: ["$dept", "a"] }, "$$KEEP", "$$PRUNE"] } }, { $project: { dept: 1 } }]);
    expect(red).toEqual([{ _id: 1, dept: "a" }]);
  });
});
