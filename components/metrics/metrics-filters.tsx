"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { queryString } from "../api";
import { focusRing } from "../ui/button";
import { RANGES, type RangeDays } from "./range";

const href = (range: RangeDays, pipeline: string | null) => `/metrics${queryString({ range, pipeline })}`;

/** Range and pipeline, kept in the URL so a view can be shared and reloaded. */
export function MetricsFilters({ range, pipeline, pipelines }: { range: RangeDays; pipeline: string | null; pipelines: string[] }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Range" className="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-zinc-300 dark:ring-zinc-700">
        {RANGES.map((days) => (
          <Link
            key={days}
            href={href(days, pipeline)}
            aria-current={days === range ? "page" : undefined}
            className={`px-3 py-1.5 text-sm ${focusRing} ${
              days === range ? "bg-zinc-900 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
            }`}
          >
            {days === 365 ? "1 year" : `${days} days`}
          </Link>
        ))}
      </nav>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor="metrics-pipeline" className="font-medium">
          Pipeline
        </label>
        <select
          id="metrics-pipeline"
          value={pipeline ?? ""}
          onChange={(e) => router.push(href(range, e.target.value || null))}
          className={`rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`}
        >
          <option value="">All pipelines</option>
          {pipelines.map((slug) => (
            <option key={slug} value={slug}>
              {slug}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
