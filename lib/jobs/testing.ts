// For tests that check what a job does once the engine's transaction committed.
import { startJobRunner } from "./runner";

const silent = { info() {}, warn() {}, error() {} };

/** Runs the app's jobs until `check` holds (or fails after `ms`), then stops the runner. */
export async function withJobsUntil(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const runner = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 2 });
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
