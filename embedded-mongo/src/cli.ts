#!/usr/bin/env node
import path from "node:path";
import { startEmbeddedMongo } from "./index";

const USAGE = `usage: embedded-mongo [--port 27018] [--host 127.0.0.1] [--dbpath .data/db | --in-memory] [--standalone] [--replSet rs0]`;

function parse(argv: string[]) {
  const opts: { port: number; host: string; dbPath?: string; inMemory: boolean; standalone: boolean; replSetName: string } = {
    port: 27018,
    host: "127.0.0.1",
    inMemory: false,
    standalone: false,
    replSetName: "rs0",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--port") opts.port = Number(next());
    else if (a === "--host" || a === "--bind_ip") opts.host = next();
    else if (a === "--dbpath") opts.dbPath = path.resolve(next());
    else if (a === "--in-memory") opts.inMemory = true;
    else if (a === "--standalone") opts.standalone = true;
    else if (a === "--replSet") opts.replSetName = next();
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (!opts.inMemory && !opts.dbPath) opts.dbPath = path.resolve(".data/db");
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error("--port must be 0–65535");
  return opts;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  const running = await startEmbeddedMongo({ ...opts, logger: (m) => console.error(`[embedded-mongo] ${m}`) });
  console.log(`embedded-mongo listening: ${running.uri}${opts.inMemory ? " (in memory)" : ` (data in ${opts.dbPath})`}`);
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
