import type { Config } from "../config";
import type { Logger } from "../logger";

/** One idempotent step of the development seed. */
export interface Seeder {
  name: string;
  /** Inserts what is missing, never overwrites edits; returns a short summary for the log. */
  run(ctx: { config: Config; log: Logger }): Promise<string>;
}
