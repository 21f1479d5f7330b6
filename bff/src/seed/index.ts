import type { Config } from "../config";
import type { Logger } from "../logger";
import { departmentsSeeder } from "./departments";
import type { Seeder } from "./seeder";
import { staffAccountsSeeder } from "./staffAccounts";
import { sampleListSeeder } from "./sampleList";
import { complaintConfigSeeder } from "./complaintConfig";
import { samplePostsSeeder } from "./samplePosts";
import { typicalCasesSeeder } from "./typicalCases";

/** Seeders: departments first, then the others (independent of each other). */
export const seeders: Seeder[] = [departmentsSeeder, staffAccountsSeeder, sampleListSeeder, complaintConfigSeeder, samplePostsSeeder, typicalCasesSeeder];

/**
 * Loads the demonstration data (non-production only). Safe to run on every start.
 * @param ctx configuration and logger.
 */
export async function runSeed(ctx: { config: Config; log: Logger }): Promise<void> {
  if (ctx.config.isProduction) throw new Error("生产环境不运行演示数据初始化");
  const run = async (seeder: Seeder) => {
    const summary = await seeder.run(ctx);
    ctx.log.info({ seeder: seeder.name, summary }, "演示数据已就绪");
  };
  // Departments first (the others refer to them); the rest touch separate collections and run
  // together, so this thread prepares one while the database thread writes another.
  const [first, ...rest] = seeders;
  await run(first);
  await Promise.all(rest.map(run));
}
