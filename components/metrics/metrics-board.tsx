"use client";

import { useQuery } from "@tanstack/react-query";
import { getJson, queryString } from "../api";
import { formatDuration, plural } from "../format";
import { queryKeys } from "../queries";
import { Section } from "../ui/section";
import { Button } from "../ui/button";
import { StaleBanner } from "../ui/stale-banner";
import { cell, subtle, Table } from "../ui/table";
import { DoraTiles } from "./dora-tiles";
import { rangeLength } from "./range";
import { daysCsv } from "./csv";
import { DeploysChart } from "./deploys-chart";
import { LazyDurationChart } from "./lazy-duration-chart";
import type { DurationField, Metrics, MetricsDay } from "./types";

const METRICS_POLL_MS = 60_000;

const durations: { field: DurationField; name: string }[] = [
  { field: "p75BuildMs", name: "P75 build" },
  { field: "p75DeployMs", name: "P75 deploy" },
  { field: "p75LeadTimeMs", name: "P75 lead time" },
  { field: "p75RollbackMs", name: "P75 rollback" },
];

/** The same numbers as the charts, for screen readers and for people who want exact values. */
function DaysTable({ days }: { days: MetricsDay[] }) {
  const head = [{ label: "Day" }, { label: "Deploys" }, { label: "Failed" }, { label: "Rollbacks" }, ...durations.map((d) => ({ label: d.name }))];
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer">Show the numbers per day</summary>
      <div className="mt-2 max-h-96 overflow-y-auto" tabIndex={0} aria-label="Numbers per day">
        <Table caption="Deploys and P75 durations per day" head={head}>
          {[...days].reverse().map((day) => (
            <tr key={day.day}>
              <td className={`${cell} whitespace-nowrap`}>{day.day}</td>
              <td className={`${cell} tabular-nums`}>{day.deploys}</td>
              <td className={`${cell} tabular-nums`}>{day.failed}</td>
              <td className={`${cell} tabular-nums`}>{day.rollbacks}</td>
              {durations.map(({ field }) => (
                <td key={field} className={`${cell} tabular-nums`}>
                  {formatDuration(day[field])}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </div>
    </details>
  );
}

/** Saves the per-day numbers as a CSV file, made in the browser from what the page shows. */
function CsvDownload({ metrics, pipeline }: { metrics: Metrics; pipeline: string | null }) {
  const save = () => {
    const url = URL.createObjectURL(new Blob([daysCsv(metrics.days)], { type: "text/csv;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `shipboard-${pipeline ?? "all"}-${metrics.from}-${metrics.to}.csv` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <Button onClick={save} className="min-h-8 px-2 py-1 text-xs">
      Download CSV<span className="sr-only"> of the numbers per day</span>
    </Button>
  );
}

/**
 * Deploys per day, P75 durations and the DORA keys for one range and pipeline
 * (or all); `compact` when two boards sit side by side.
 */
export function MetricsBoard({ initial, previous, pipeline, compact = false }: { initial: Metrics; previous: Metrics | null; pipeline: string | null; compact?: boolean }) {
  const query = useQuery({
    queryKey: queryKeys.metrics(pipeline, initial.from, initial.to),
    queryFn: () => getJson<Metrics>(`/api/metrics${queryString({ pipeline, from: initial.from, to: initial.to })}`),
    initialData: initial,
    refetchInterval: METRICS_POLL_MS,
  });
  const { days, totals, dora } = query.data;
  return (
    <div className="space-y-5">
      <StaleBanner error={query.error} />
      <DoraTiles dora={dora} totals={totals} previous={previous} days={rangeLength(initial)} />
      <Section title="Deploys per day" id={`deploys-per-day-${pipeline ?? "all"}`} testId="deploys-chart" actions={<CsvDownload metrics={query.data} pipeline={pipeline} />}>
        <p className={`mb-2 text-sm ${subtle}`} data-testid="totals">
          {initial.from} to {initial.to}: {plural(totals.deploys, "deploy")}, {totals.failed} failed, {plural(totals.rollbacks, "rollback")}
        </p>
        <div className="text-zinc-600 dark:text-zinc-400">
          <DeploysChart days={days} />
        </div>
        <DaysTable days={days} />
      </Section>
      <div className={`grid gap-4 ${compact ? "" : "md:grid-cols-2"}`}>
        {durations.map(({ field, name }) => (
          <Section key={field} title={`${name}, per day`} id={`chart-${field}-${pipeline ?? "all"}`}>
            <p className={`mb-1 text-sm ${subtle}`}>
              Over the range: <span className="font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{formatDuration(totals[field])}</span>
            </p>
            <div className="text-zinc-600 dark:text-zinc-400">
              <LazyDurationChart days={days} field={field} name={name} />
            </div>
          </Section>
        ))}
      </div>
    </div>
  );
}
