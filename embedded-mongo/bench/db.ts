/**
 * Embedded database benchmark: ops/s for insert, indexed findOne, $inc update and an aggregate at
 * 1k and 50k documents, next to the `ping` rate of the same run (the protocol floor).
 * Run: npm run bench:db
 */
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "../embedded-mongo/src";

const CONCURRENCY = 16;

async function rate(label: string, seconds: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let count = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        await op(count++);
      }
    }),
  );
  const r = count / seconds;
  console.log(`${label.padEnd(38)} ${Math.round(r).toString().padStart(8)} ops/s`);
  return r;
}

async function main(): Promise<void> {
  const mongo = await startEmbeddedMongo({ port: 0, inMemory: true });
  const client = await MongoClient.connect(mongo.uri);
  const db = client.db("bench");
  const admin = client.db("admin");
  const results: Record<string, number> = {};
  results.ping = await rate("ping", 3, () => admin.command({ ping: 1 }));
  for (const size of [1_000, 50_000]) {
    const coll = db.collection(`docs${size}`);
    await coll.createIndex({ code: 1 }, { unique: true });
    const batch = 1_000;
    for (let i = 0; i < size; i += batch) {
      await coll.insertMany(Array.from({ length: Math.min(batch, size - i) }, (_, j) => ({ code: `c${i + j}`, n: i + j, group: (i + j) % 10, text: "示例文本".repeat(4) })));
    }
    results[`findOne@${size}`] = await rate(`indexed findOne (${size} docs)`, 3, (i) => coll.findOne({ code: `c${(i * 7919) % size}` }));
    results[`updateInc@${size}`] = await rate(`update $inc by index (${size} docs)`, 3, (i) => coll.updateOne({ code: `c${(i * 104729) % size}` }, { $inc: { n: 1 } }));
    results[`aggregate@${size}`] = await rate(`aggregate $match/$group (${size} docs)`, 3, (i) =>
      coll.aggregate([{ $match: { code: { $in: [`c${i % size}`, `c${(i * 3) % size}`, `c${(i * 5) % size}`] } } }, { $group: { _id: "$group", total: { $sum: "$n" } } }]).toArray(),
    );
    const ins = db.collection(`ins${size}`);
    results[`insert@${size}`] = await rate(`insertOne (${size} docs present)`, 3, (i) => ins.insertOne({ code: `i${size}-${i}`, n: i }));
  }
  console.log("");
  console.log(`findOne/ping at 1k:  ${(results["findOne@1000"] / results.ping).toFixed(2)}`);
  console.log(`findOne/ping at 50k: ${(results["findOne@50000"] / results.ping).toFixed(2)}`);
  console.log(`findOne 50k / 1k:    ${(results["findOne@50000"] / results["findOne@1000"]).toFixed(2)}`);
  await client.close();
  await mongo.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
