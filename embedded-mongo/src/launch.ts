// The light entry point: what a process needs to start the server in a thread (or find one
// already running) without loading the server itself into the calling thread.
export { startEmbeddedMongoThread, type ThreadedEmbeddedMongo, type ThreadOptions } from "./thread";
export { readDbPathLock, type DbPathLock } from "./storage/lockFile";
