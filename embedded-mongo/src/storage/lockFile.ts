import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MongoError } from "../errors";

export interface DbPathLock {
  pid: number;
  port: number;
  host: string;
}

const LOCK = "mongod.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The server currently using a data directory, if its process is alive (a stale lock left by a
 * crash is ignored).
 * @param dbPath the data directory.
 * @returns its pid, host and port, or null.
 */
export function readDbPathLock(dbPath: string): DbPathLock | null {
  const file = path.join(dbPath, LOCK);
  if (!existsSync(file)) return null;
  try {
    const lock = JSON.parse(readFileSync(file, "utf8")) as DbPathLock;
    return lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Refuses a data directory another live process uses (as mongod does, code 98 DBPathInUse). */
export function assertDbPathFree(dbPath: string): void {
  const lock = readDbPathLock(dbPath);
  if (lock) {
    throw new MongoError(98, `Unable to lock the lock file: ${path.join(dbPath, LOCK)}. Another server (pid ${lock.pid}, port ${lock.port}) is already using the dbpath.`);
  }
}

export function writeDbPathLock(dbPath: string, lock: DbPathLock): void {
  writeFileSync(path.join(dbPath, LOCK), JSON.stringify(lock));
}

export function removeDbPathLock(dbPath: string): void {
  rmSync(path.join(dbPath, LOCK), { force: true });
}
