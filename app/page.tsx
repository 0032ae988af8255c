import { SPARKLINE_DAYS } from "@/components/overview/activity";
import { OverviewBoard } from "@/components/overview/overview-board";
import type { DayCount } from "@/components/overview/sparkline";
import { lastDays } from "@/components/metrics/range";
import { requireIdentity } from "@/lib/auth/session";
import { getMetrics } from "@/lib/metrics/query";
import { listPipelines } from "@/lib/views/pipelines";

export const dynamic = "force-dynamic";

/** Deploys per day of each pipeline over the sparkline's days, only the fields the card draws. */
async function activityOf(slugs: string[]): Promise<Record<string, DayCount[]>> {
  const range = lastDays(SPARKLINE_DAYS);
  const entries = await Promise.all(
    slugs.map(async (slug) => {
      const { days } = await getMetrics({ pipeline: slug, ...range });
      return [slug, days.map(({ day, deploys, failed, rollbacks }) => ({ day, deploys, failed, rollbacks }))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export default async function OverviewPage() {
  await requireIdentity();
  const pipelines = await listPipelines();
  const activity = await activityOf(pipelines.map((p) => p.slug));
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Pipelines</h1>
      <OverviewBoard initial={pipelines} activity={activity} />
    </section>
  );
}
