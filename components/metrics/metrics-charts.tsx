"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, RechartsThemeProvider, Tooltip, XAxis, YAxis, autoTheme } from "recharts";
import { formatDuration } from "../format";
import { durationTicks, formatDurationTick } from "./axis";
import type { DurationField, MetricsDay } from "./types";

// Series colours follow the page's colour scheme; each series also has its own hatch, name and place in the stack.
const colour = {
  deploys: "light-dark(#0369a1, #38bdf8)",
  failed: "light-dark(#b91c1c, #f87171)",
  rollbacks: "light-dark(#6d28d9, #a78bfa)",
  line: "light-dark(#0369a1, #38bdf8)",
};
const axis = { fontSize: 12, fill: "currentColor" };
const outcomes = ["deploys", "failed", "rollbacks"];
// Legend words in the page's text colour (the hatched series have no plain colour to borrow), in stacking order.
const legendText = (value: string) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>;
const shortDay = (day: string) => day.slice(5);

function Hatches() {
  return (
    <defs>
      <pattern id="hatch-failed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={colour.failed} />
        <line x1="0" y1="0" x2="0" y2="6" stroke="white" strokeWidth="2" strokeOpacity="0.6" />
      </pattern>
      <pattern id="hatch-rollbacks" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={colour.rollbacks} />
        <circle cx="3" cy="3" r="1.3" fill="white" fillOpacity="0.7" />
      </pattern>
    </defs>
  );
}

/** Deploys per day stacked by outcome: succeeded at the bottom, failed, then rollbacks. */
export function DeploysChart({ days }: { days: MetricsDay[] }) {
  return (
    <RechartsThemeProvider value={autoTheme}>
      <BarChart responsive style={{ width: "100%", height: 260 }} data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <Hatches />
        <CartesianGrid vertical={false} strokeOpacity={0.25} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axis} minTickGap={16} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Legend formatter={legendText} itemSorter={(item) => outcomes.indexOf(String(item.dataKey))} />
        <Bar dataKey="deploys" name="Succeeded" stackId="day" fill={colour.deploys} isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="day" fill="url(#hatch-failed)" isAnimationActive={false} />
        <Bar dataKey="rollbacks" name="Rollbacks" stackId="day" fill="url(#hatch-rollbacks)" isAnimationActive={false} />
      </BarChart>
    </RechartsThemeProvider>
  );
}

/** One P75 duration per day; days without data leave a gap rather than a misleading zero. */
export function DurationChart({ days, field, name }: { days: MetricsDay[]; field: DurationField; name: string }) {
  const ticks = durationTicks(Math.max(0, ...days.map((d) => d[field] ?? 0)));
  return (
    <RechartsThemeProvider value={autoTheme}>
      <LineChart responsive style={{ width: "100%", height: 180 }} data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} strokeOpacity={0.25} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axis} minTickGap={24} />
        <YAxis ticks={ticks} domain={[0, ticks.at(-1)!]} tickFormatter={formatDurationTick} tick={axis} width={48} />
        <Tooltip formatter={(value) => formatDuration(Number(value))} />
        <Line dataKey={field} name={name} stroke={colour.line} strokeWidth={2} dot={days.length <= 31} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </RechartsThemeProvider>
  );
}
