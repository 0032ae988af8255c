"use client";

import dynamic from "next/dynamic";
import type { MetricCheckView } from "@/lib/views/metric-checks";
import { plural } from "../format";
import { StateBadge } from "../ui/badge";
import { subtle } from "../ui/table";
import { useTimeZone } from "../ui/use-time-zone";

const HEIGHT = 200;

// The chart library loads only on a release that has metric checks: no other page, nor a release without them, fetches it.
const MetricCheckChart = dynamic(() => import("./metric-check-chart"), {
  ssr: false,
  loading: () => <div style={{ height: HEIGHT }} className="animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />,
});

/** The check in words, for everyone who does not read the chart (and screen readers). */
function summary(check: MetricCheckView): string {
  const last = check.samples.at(-1);
  const parts = [
    `${plural(check.sampleCount, "sample")} every ${check.intervalSeconds} s`,
    `${check.breaches} ${check.breaches === 1 ? "breach" : "breaches"} of ${check.comparison} ${check.threshold}`,
    `${check.inconclusive} without data${check.onNoData === "fail" ? " (counted as failures)" : " (ignored)"}`,
    `${check.failuresAllowed} allowed`,
  ];
  const latest = last ? ` Latest: ${last.value ?? "no data"} (${last.outcome}).` : " No sample yet.";
  const verdict = check.failed ? " It failed the release." : "";
  return `${parts.join(", ")}.${latest}${verdict}`;
}

/** Each metric check of a release plotted against its threshold, with its tally in words. */
export function MetricChecks({ checks }: { checks: MetricCheckView[] }) {
  const timeZone = useTimeZone();
  return (
    <ul className="space-y-5">
      {checks.map((check) => (
        <li key={check.name} data-testid="metric-check">
          <figure aria-label={`Metric check ${check.name}`}>
            <figcaption className="mb-2 flex flex-wrap items-center gap-2">
              <span className="font-medium">{check.name}</span>
              {check.failed ? <StateBadge state="failed" /> : null}
              <code className={`text-xs ${subtle}`}>{check.query}</code>
            </figcaption>
            {check.samples.length > 0 ? (
              <div aria-hidden="true" style={{ minHeight: HEIGHT }}>
                <MetricCheckChart check={check} timeZone={timeZone} />
              </div>
            ) : null}
            <p className={`mt-2 text-sm ${subtle}`} data-testid="metric-check-summary">
              {summary(check)}
              {check.sampleCount > check.samples.length ? ` The chart shows the latest ${check.samples.length}.` : ""}
            </p>
          </figure>
        </li>
      ))}
    </ul>
  );
}
