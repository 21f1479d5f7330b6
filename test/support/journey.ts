import { JobModel } from "../../bff/src/models/job/job.schema";
import { launchBrowser, type TestBrowser } from "./browser";
import { requireH5Build } from "./h5Build";
import { getTestServer, type TestServer, type TestServerOptions } from "./server";

/** What a browser journey needs: the H5 build served by a real BFF with seeded data, and Chromium. */
export interface Journey {
  server: TestServer;
  /** Debian Chromium, launched before the tests (one profile per `newPhone()`). */
  readonly browser: TestBrowser;
  /** Runs every queued job now (notices, deliveries), including retries waiting for their backoff. */
  drainAllJobs(): Promise<void>;
}

/**
 * Registers the hooks of a browser journey file: requires the H5 build, starts a seeded BFF and
 * launches the browser once for the file.
 * @param options extra test-server options (seed is always on).
 * @returns the server, the browser and a job drain.
 */
export function useJourney(options: Omit<TestServerOptions, "seed"> = {}): Journey {
  requireH5Build();
  const server = getTestServer({ ...options, seed: true });
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    server,
    get browser() {
      if (!browser) throw new Error("the browser is launched in beforeAll");
      return browser;
    },
    async drainAllJobs() {
      for (let round = 0; round < 10; round++) {
        await JobModel.updateMany({ state: "pending" }, { $set: { runAt: new Date(0) } });
        if ((await server.drainJobs()) === 0) return;
      }
    },
  };
}
