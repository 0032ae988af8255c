"use client";

import { useId } from "react";
import { plural } from "../format";

export type DayCount = { day: string; deploys: number; failed: number; rollbacks: number };

const BAR = 5;
const GAP = 1;
const HEIGHT = 24;

/** Deploys per day as tiny stacked bars (failures and rollbacks on top, in red and hatched): plain SVG, no chart library. */
export function Sparkline({ days }: { days: DayCount[] }) {
  const hatch = useId();
  const max = Math.max(1, ...days.map((d) => d.deploys + d.failed + d.rollbacks));
  const scale = (n: number) => (n / max) * HEIGHT;
  const totals = days.reduce((t, d) => ({ deploys: t.deploys + d.deploys, bad: t.bad + d.failed + d.rollbacks }), { deploys: 0, bad: 0 });
  const label = `Last ${days.length} days: ${plural(totals.deploys, "deploy")}, ${totals.bad} failed or rolled back`;
  return (
    <svg role="img" aria-label={label} width={days.length * (BAR + GAP)} height={HEIGHT} className="shrink-0 overflow-visible" data-testid="sparkline">
      <defs>
        <pattern id={hatch} width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="3" height="3" className="fill-red-600" />
          <line x1="0" y1="0" x2="0" y2="3" className="stroke-red-300" strokeWidth="1" />
        </pattern>
      </defs>
      {days.map((d, i) => {
        const good = scale(d.deploys);
        const bad = scale(d.failed + d.rollbacks);
        const x = i * (BAR + GAP);
        return (
          <g key={d.day}>
            <title>{`${d.day}: ${plural(d.deploys, "deploy")}, ${d.failed} failed, ${plural(d.rollbacks, "rollback")}`}</title>
            <rect x={x} y={0} width={BAR} height={HEIGHT} className="fill-transparent" />
            <rect x={x} y={HEIGHT - 1} width={BAR} height={1} className="fill-zinc-300 dark:fill-zinc-700" />
            <rect x={x} y={HEIGHT - good} width={BAR} height={good} className="fill-sky-600 dark:fill-sky-500" />
            {bad > 0 ? <rect x={x} y={HEIGHT - good - bad} width={BAR} height={bad} fill={`url(#${hatch})`} /> : null}
          </g>
        );
      })}
    </svg>
  );
}
