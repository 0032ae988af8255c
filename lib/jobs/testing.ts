// For tests that check what a job does once the engine's transaction committed.
import type { RegisteredJob } from "./job";
import { startJobRunner } from "./runner";

const silent = { info() {}, warn() {}, error() {} };

/**
 * Runs jobs of the given kinds until `check` holds (or fails after `ms`), then
 * stops the runner. Test files share one database, so the queue may hold what
 * earlier files left: naming the kinds keeps a test off their backlog.
 */
export async function withJobsUntil(jobs: readonly RegisteredJob[], check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const runner = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 2, jobs });
  try {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error("jobs did not get there in time");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await runner.stop();
  }
}
