import mongoose, { Schema } from "mongoose";
import { randomBytes } from "node:crypto";
import { startEmbeddedMongo, type RunningEmbeddedMongo } from "@lushan/embedded-mongo";

describe("mongoose runs unchanged (default connection options)", () => {
  let server: RunningEmbeddedMongo | null = null;
  const conn = mongoose.createConnection();
  const Dept = conn.model("Dept", new Schema({ code: { type: String, required: true, unique: true }, name: String }));
  const Ticket = conn.model(
    "Ticket",
    new Schema(
      {
        no: { type: String, required: true, unique: true },
        dept: { type: Schema.Types.ObjectId, ref: "Dept" },
        status: { type: String, enum: ["open", "closed"], default: "open" },
        tags: [String],
        seq: Number,
      },
      { timestamps: true },
    ).index({ dept: 1, status: 1 }),
  );

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI ?? (server = await startEmbeddedMongo({ port: 0, inMemory: true })).uri;
    await conn.openUri(uri, { dbName: `mongoose_${randomBytes(4).toString("hex")}` });
    await Dept.init();
    await Ticket.init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
    await server?.stop();
  });

  it("creates indexes declared on schemas", async () => {
    const names = (await Ticket.listIndexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(["_id_", "no_1", "dept_1_status_1"]));
    await Ticket.create({ no: "T1" });
    await expect(Ticket.create({ no: "T1" })).rejects.toMatchObject({ code: 11000 });
  });

  it("populates references", async () => {
    const d = await Dept.create({ code: "scjgj", name: "市场监管局" });
    await Ticket.create({ no: "T2", dept: d._id });
    const t = await Ticket.findOne({ no: "T2" }).populate<{ dept: { name: string } }>("dept").lean();
    expect(t!.dept.name).toBe("市场监管局");
  });

  it("findOneAndUpdate with upsert, insertMany and bulkWrite", async () => {
    const up = await Ticket.findOneAndUpdate({ no: "T3" }, { $set: { status: "closed" }, $setOnInsert: { seq: 1 } }, { upsert: true, returnDocument: "after" }).lean();
    expect(up).toMatchObject({ no: "T3", status: "closed", seq: 1 });
    const many = await Ticket.insertMany(Array.from({ length: 50 }, (_, i) => ({ no: `M${i}`, seq: i })));
    expect(many).toHaveLength(50);
    const bulk = await Ticket.bulkWrite([
      { updateMany: { filter: { seq: { $lt: 10 } }, update: { $push: { tags: "early" } } } },
      { deleteOne: { filter: { no: "M49" } } },
      { insertOne: { document: { no: "B1" } } },
    ]);
    expect(bulk.modifiedCount).toBe(11);
    expect(bulk.deletedCount).toBe(1);
    expect(bulk.insertedCount).toBe(1);
  });

  it("streams thousands of documents through a cursor", async () => {
    await Ticket.insertMany(Array.from({ length: 3_000 }, (_, i) => ({ no: `C${i}`, seq: i })));
    let n = 0;
    for await (const t of Ticket.find({ no: /^C/ }).sort({ seq: 1 }).cursor({ batchSize: 200 })) {
      expect(t.seq).toBe(n);
      n++;
    }
    expect(n).toBe(3_000);
  });

  it("withTransaction commits together and rolls back on error", async () => {
    await conn.transaction(async (session) => {
      await Ticket.create([{ no: "X1" }], { session });
      await Dept.create([{ code: "fgw" }], { session });
    });
    expect(await Ticket.exists({ no: "X1" })).toBeTruthy();
    await expect(
      conn.transaction(async (session) => {
        await Ticket.create([{ no: "X2" }], { session });
        await Dept.create([{ code: "fgw" }], { session });
      }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await Ticket.exists({ no: "X2" })).toBeNull();
  });

  it("counts, distinct and aggregates", async () => {
    expect(await Ticket.countDocuments({ status: "closed" })).toBe(1);
    expect((await Ticket.distinct("status")).sort()).toEqual(["closed", "open"]);
    const [g] = await Ticket.aggregate<{ n: number }>([{ $match: { no: /^M/ } }, { $count: "n" }]);
    expect(g.n).toBe(49);
  });
});
