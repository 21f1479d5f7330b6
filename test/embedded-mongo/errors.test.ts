import { useParityDb, mongoError } from "./support";

describe("refusals with MongoDB error codes (parity)", () => {
  const p = useParityDb();

  it("unknown commands are 59 CommandNotFound", async () => {
    const err = await mongoError(p.db.command({ noSuchCommand: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe("CommandNotFound");
  });

  it("unknown fields of known commands are refused", async () => {
    const err = await mongoError(p.db.command({ find: "x", filter: {}, bogusOption: 1 }));
    expect(err.code).toBe(40415);
  });

  it("change streams are refused loudly", async () => {
    if (!p.embedded) return; // a replica set supports them
    const err = await mongoError(p.db.collection("x").aggregate([{ $changeStream: {} }]).toArray());
    expect(err.code).toBe(238);
  });

  it("server-side JavaScript is refused", async () => {
    if (!p.embedded) return; // depends on mongod's javascriptEnabled setting
    expect((await mongoError(p.db.collection("x").findOne({ $where: "1" }))).code).toBe(2);
    expect((await mongoError(p.db.collection("x").aggregate([{ $project: { a: { $function: { body: "", args: [], lang: "js" } } } }]).toArray())).code).toBe(31264);
  });

  it("invalid collection names are refused", async () => {
    const err = await mongoError(p.db.collection("bad$name").insertOne({ a: 1 }));
    expect(err.code).toBe(73);
  });

  it("documents with an array _id are refused", async () => {
    expect((await mongoError(p.db.collection("x").insertOne({ _id: [1, 2] } as never))).code).toBe(53);
  });

  it("creating an existing collection is NamespaceExists", async () => {
    await p.db.createCollection("exists");
    expect((await mongoError(p.db.createCollection("exists"))).code).toBe(48);
  });
});
