import net from "node:net";
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
  it("survives malformed messages and keeps serving other connections", async () => {
    if (!p.embedded) return; // raw socket abuse of a shared server is not a parity check
    const { port } = p.server!;
    const garbage = [
      Buffer.from([0x20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xdd, 0x07, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]),
      Buffer.from([0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x39, 0x30, 0, 0]),
      Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]),
    ];
    for (const bytes of garbage) {
      await new Promise<void>((resolve) => {
        const s = net.connect(port, "127.0.0.1", () => s.write(bytes));
        s.on("data", () => s.destroy());
        s.on("close", () => resolve());
        s.on("error", () => resolve());
        setTimeout(() => s.destroy(), 300);
      });
    }
    expect((await p.db.command({ ping: 1 })).ok).toBe(1);
  });
});
