import type { Metadata } from "next";
import { MetricsBoard } from "@/components/metrics/metrics-board";
import { MetricsFilters, type MetricsView } from "@/components/metrics/metrics-filters";
import { previousRange, resolveRange, type DayRange } from "@/components/metrics/range";
import { requireIdentity } from "@/lib/auth/session";
import { getMetrics } from "@/lib/metrics/query";
import { listPipelines } from "@/lib/views/pipelines";

export const metadata: Metadata = { title: "Metrics" };

type Props = { searchParams: Promise<{ range?: string; from?: string; to?: string; pipeline?: string; compare?: string }> };

/** One board's numbers: the range and the period of the same length just before it, for the trends. */
async function boardData(pipeline: string | null, range: DayRange) {
  const [current, previous] = await Promise.all([
    getMetrics({ pipeline: pipeline ?? undefined, ...range }),
    getMetrics({ pipeline: pipeline ?? undefined, ...previousRange(range) }),
  ]);
  return { pipeline, current, previous };
}

export default async function MetricsPage({ searchParams }: Props) {
  await requireIdentity();
  const query = await searchParams;
  const { key, range } = resolveRange(query);
  const pipelines = (await listPipelines()).map((p) => p.slug);
  const known = (slug: string | undefined) => (slug && pipelines.includes(slug) ? slug : null);
  const view: MetricsView = { key, range, pipeline: known(query.pipeline), compare: known(query.compare) };
  const boards = await Promise.all([boardData(view.pipeline, range), ...(view.compare ? [boardData(view.compare, range)] : [])]);
  const compact = boards.length > 1;
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Metrics</h1>
        <MetricsFilters view={view} pipelines={pipelines} />
      </div>
      <div className={compact ? "grid gap-6 lg:grid-cols-2" : undefined}>
        {boards.map(({ pipeline, current, previous }, index) => (
          <div key={`${index}-${pipeline}-${range.from}-${range.to}`} className="min-w-0 space-y-3" data-testid="metrics-board" data-pipeline={pipeline ?? "all"}>
            {compact ? <h2 className="text-lg font-semibold">{pipeline ?? "All pipelines"}</h2> : null}
            <MetricsBoard initial={current} previous={previous} pipeline={pipeline} compact={compact} />
          </div>
        ))}
      </div>
    </section>
  );
}
