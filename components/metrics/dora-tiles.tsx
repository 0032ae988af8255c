import { doraKeys, formatDoraValue, trend } from "./trend";
import type { Dora, Metrics } from "./types";

const verdictStyle = {
  better: "text-emerald-700 dark:text-emerald-300",
  worse: "text-red-700 dark:text-red-300",
  same: "text-zinc-600 dark:text-zinc-400",
  new: "text-zinc-600 dark:text-zinc-400",
};

const releasesOf = (totals: Metrics["totals"]) => totals.deploys + totals.failed + totals.rollbacks;

/** The DORA four keys over the range, each with its move against the previous period of the same length (or "not enough data"). */
export function DoraTiles({ dora, totals, previous, days }: { dora: Dora; totals: Metrics["totals"]; previous: Metrics | null; days: number }) {
  const releases = previous ? { current: releasesOf(totals), previous: releasesOf(previous.totals) } : undefined;
  return (
    <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {doraKeys.map(({ key, label, higherIsBetter, hint }) => {
        const move = trend(dora[key], previous ? previous.dora[key] : null, higherIsBetter, releases);
        return (
          <li key={key} data-testid={`dora-${key}`} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400" title={hint}>
              {label}
            </h3>
            <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="dora-value">
              {formatDoraValue(key, dora[key])}
            </p>
            <p className={`mt-1 text-xs ${verdictStyle[move.verdict]}`} data-testid="dora-trend">
              <span aria-hidden>{move.arrow} </span>
              {move.words}
              {move.verdict === "better" || move.verdict === "worse" ? ` (${move.verdict})` : null}
              <span className="text-zinc-600 dark:text-zinc-400"> vs previous {days} days</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
