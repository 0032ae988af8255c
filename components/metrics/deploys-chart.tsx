"use client";

import { useId } from "react";
import { plural } from "../format";
import type { MetricsDay } from "./types";

// Plain SVG, like the overview's sparkline: the top chart draws at once without loading a chart library.
const colour = {
  deploys: "light-dark(#0369a1, #38bdf8)",
  failed: "light-dark(#b91c1c, #f87171)",
  rollbacks: "light-dark(#6d28d9, #a78bfa)",
};
const seriesOf = (id: string) =>
  [
    { key: "deploys", name: "Succeeded", fill: colour.deploys },
    { key: "failed", name: "Failed", fill: `url(#${id}-failed)` },
    { key: "rollbacks", name: "Rollbacks", fill: `url(#${id}-rollbacks)` },
  ] as const;

const BAR = 10;
const HEIGHT = 200;
const LABELS = 6;

/** 0 and a few round steps up past the largest day. */
function countTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => max / s <= 4) ?? Math.ceil(max / 4);
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

/** Deploys per day stacked by outcome: succeeded at the bottom, failed, then rollbacks; each day names its numbers on hover. */
export function DeploysChart({ days }: { days: MetricsDay[] }) {
  // Two boards side by side each draw their own patterns.
  const id = useId().replace(/:/g, "");
  const series = seriesOf(id);
  const ticks = countTicks(Math.max(0, ...days.map((d) => d.deploys + d.failed + d.rollbacks)));
  const top = ticks.at(-1)!;
  const y = (n: number) => (n / top) * HEIGHT;
  const every = Math.max(1, Math.ceil(days.length / LABELS));
  const total = days.reduce((sum, d) => sum + d.deploys, 0);
  return (
    <figure className="space-y-2">
      <div className="flex gap-2">
        <div className="relative w-8 shrink-0 text-right text-xs tabular-nums" style={{ height: HEIGHT }} aria-hidden>
          {ticks.map((tick) => (
            <span key={tick} className="absolute right-0 -translate-y-1/2" style={{ top: HEIGHT - y(tick) }}>
              {tick}
            </span>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <svg
            role="img"
            aria-label={`Deploys per day from ${days[0]?.day} to ${days.at(-1)?.day}: ${plural(total, "succeeded deploy")} in all; the table below has each day`}
            viewBox={`0 0 ${days.length * BAR} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="block w-full overflow-visible"
            style={{ height: HEIGHT }}
            data-testid="deploys-svg"
          >
            <defs>
              <pattern id={`${id}-failed`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="4" height="4" fill={colour.failed} />
                <line x1="0" y1="0" x2="0" y2="4" stroke="white" strokeWidth="1.5" strokeOpacity="0.6" />
              </pattern>
              <pattern id={`${id}-rollbacks`} width="4" height="4" patternUnits="userSpaceOnUse">
                <rect width="4" height="4" fill={colour.rollbacks} />
                <circle cx="2" cy="2" r="0.9" fill="white" fillOpacity="0.7" />
              </pattern>
            </defs>
            {ticks.map((tick) => (
              <line key={tick} x1={0} x2={days.length * BAR} y1={HEIGHT - y(tick)} y2={HEIGHT - y(tick)} stroke="currentColor" strokeOpacity={0.2} vectorEffect="non-scaling-stroke" />
            ))}
            {days.map((day, i) => {
              let base = HEIGHT;
              return (
                <g key={day.day}>
                  <title>{`${day.day}: ${day.deploys} succeeded, ${day.failed} failed, ${plural(day.rollbacks, "rollback")}`}</title>
                  {/* A full-height strip so the day's numbers show on hover even when it had none. */}
                  <rect x={i * BAR} y={0} width={BAR} height={HEIGHT} fill="transparent" />
                  {series.map(({ key, fill }) => {
                    const h = y(day[key]);
                    base -= h;
                    return h > 0 ? <rect key={key} data-testid={`bar-${key}`} x={i * BAR + 1} y={base} width={BAR - 2} height={h} fill={fill} /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          <div className="mt-1 flex justify-between text-xs tabular-nums" aria-hidden>
            {days
              .filter((_, i) => i % every === 0)
              .map((day) => (
                <span key={day.day}>{day.day.slice(5)}</span>
              ))}
          </div>
        </div>
      </div>
      <figcaption className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
        {series.map(({ key, name, fill }) => (
          <span key={key} className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="12" height="12">
              <rect width="12" height="12" rx="2" fill={fill} />
            </svg>
            {name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
