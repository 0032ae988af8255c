import type { Metadata } from "next";
import { MetricsBoard } from "@/components/metrics/metrics-board";
import { MetricsFilters } from "@/components/metrics/metrics-filters";
import { lastDays, parseRange, previousRange } from "@/components/metrics/range";
import { requireIdentity } from "@/lib/auth/session";
import { getMetrics } from "@/lib/metrics/query";
import { listPipelines } from "@/lib/views/pipelines";

export const metadata: Metadata = { title: "Metrics" };

type Props = { searchParams: Promise<{ range?: string; pipeline?: string }> };

export default async function MetricsPage({ searchParams }: Props) {
  await requireIdentity();
  const query = await searchParams;
  const rangeDays = parseRange(query.range);
  const pipelines = (await listPipelines()).map((p) => p.slug);
  const pipeline = query.pipeline && pipelines.includes(query.pipeline) ? query.pipeline : null;
  const range = lastDays(rangeDays);
  const [current, previous] = await Promise.all([
    getMetrics({ pipeline: pipeline ?? undefined, ...range }),
    getMetrics({ pipeline: pipeline ?? undefined, ...previousRange(range) }),
  ]);
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Metrics</h1>
        <MetricsFilters range={rangeDays} pipeline={pipeline} pipelines={pipelines} />
      </div>
      <MetricsBoard key={`${rangeDays}-${pipeline}`} initial={current} previous={previous.dora} rangeDays={rangeDays} pipeline={pipeline} />
    </section>
  );
}
