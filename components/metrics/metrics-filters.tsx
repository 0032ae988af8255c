"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { queryString } from "../api";
import { Button, focusRing } from "../ui/button";
import { PRESETS, type DayRange, type RangeKey } from "./range";

export type MetricsView = { key: RangeKey; range: DayRange; pipeline: string | null; compare: string | null };

const href = (view: Omit<MetricsView, "range">, range?: DayRange) =>
  `/metrics${queryString({ range: view.key, ...(view.key === "custom" && range ? range : {}), pipeline: view.pipeline, compare: view.compare })}`;

const field = `rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`;

function PipelineChoice({ id, label, value, pipelines, none, onChange }: {
  id: string;
  label: string;
  value: string | null;
  pipelines: string[];
  none: string;
  onChange: (slug: string | null) => void;
}) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} className={field}>
        <option value="">{none}</option>
        {pipelines.map((slug) => (
          <option key={slug} value={slug}>
            {slug}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Range (presets, calendar quarters or custom days), pipeline and a second one to compare, kept in the URL so a view can be shared and reloaded. */
export function MetricsFilters({ view, pipelines }: { view: MetricsView; pipelines: string[] }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Range" className="inline-flex flex-wrap overflow-hidden rounded-md ring-1 ring-inset ring-zinc-300 dark:ring-zinc-700">
        {PRESETS.map(({ key, label }) => (
          <Link
            key={key}
            href={href({ ...view, key })}
            aria-current={key === view.key ? "page" : undefined}
            className={`px-3 py-1.5 text-sm ${focusRing} ${
              key === view.key ? "bg-zinc-900 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
            }`}
          >
            {label}
          </Link>
        ))}
      </nav>
      {/* A plain GET form: the custom range works before any JavaScript loads. */}
      <form method="get" action="/metrics" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        {view.pipeline ? <input type="hidden" name="pipeline" value={view.pipeline} /> : null}
        {view.compare ? <input type="hidden" name="compare" value={view.compare} /> : null}
        <label className="flex flex-col gap-1">
          <span className="font-medium">From</span>
          <input type="date" name="from" required defaultValue={view.range.from} className={field} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">To</span>
          <input type="date" name="to" required defaultValue={view.range.to} className={field} />
        </label>
        <Button type="submit" variant={view.key === "custom" ? "primary" : "secondary"}>
          Show range
        </Button>
      </form>
      <PipelineChoice
        id="metrics-pipeline"
        label="Pipeline"
        value={view.pipeline}
        pipelines={pipelines}
        none="All pipelines"
        onChange={(pipeline) => router.push(href({ ...view, pipeline }, view.range))}
      />
      <PipelineChoice
        id="metrics-compare"
        label="Compare with"
        value={view.compare}
        pipelines={pipelines}
        none="Nothing"
        onChange={(compare) => router.push(href({ ...view, compare }, view.range))}
      />
    </div>
  );
}
