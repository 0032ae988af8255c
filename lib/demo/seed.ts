import { inPgTransaction } from "@/lib/db/pg-transaction";
import { rebuildDailyStats } from "@/lib/metrics/rollup";
import { HISTORY_DAYS, planHistory } from "./history";
import { DEMO_PIPELINES, DEMO_SLUGS } from "./pipelines";
import { DAY } from "./time";
import { writeHistories } from "./write";

// Advisory lock key: two processes seeding at once must not both see "no demo yet".
const SEED_LOCK = 74_042_211;

/**
 * Seeds the demo: the pipelines web, api, frontend and jobs with their
 * simulated fleets and 90 days of builds, releases, rollbacks and locks ending
 * at `now`. Deterministic for a given `now`. Does nothing when any of those
 * pipelines exists already.
 */
export async function seedDemo(options: { now?: Date; log?: (line: string) => void } = {}): Promise<{ seeded: boolean }> {
  const now = (options.now ?? new Date()).getTime();
  const started = performance.now();
  const counts = await inPgTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK]);
    const existing = await client.query(`SELECT 1 FROM "Pipeline" WHERE slug = ANY($1::text[]) LIMIT 1`, [DEMO_SLUGS]);
    return existing.rowCount === 0 ? writeHistories(client, DEMO_PIPELINES.map((p) => planHistory(p, now)), now) : null;
  });
  if (!counts) return { seeded: false };

  const written = performance.now();
  await rebuildDailyStats(new Date(now - (HISTORY_DAYS + 1) * DAY), new Date(now));
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  options.log?.(
    `demo seeded: ${counts.pipelines} pipelines, ${counts.hosts} hosts, ${counts.builds} builds, ${counts.releases} releases, ` +
      `${counts.steps} steps, ${counts.audits} audit events in ${seconds(written - started)} s, daily stats in ${seconds(performance.now() - written)} s`,
  );
  return { seeded: true };
}
