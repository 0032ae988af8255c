"use client";

import { CartesianGrid, Line, LineChart, RechartsThemeProvider, Tooltip, XAxis, YAxis, autoTheme } from "recharts";
import { formatDuration } from "../format";
import { durationTicks, formatDurationTick, hasLonePoints } from "./axis";
import type { DurationField, MetricsDay } from "./types";

const axis = { fontSize: 12, fill: "currentColor" };
const line = "light-dark(#0369a1, #38bdf8)";
const shortDay = (day: string) => day.slice(5);

/** One P75 duration per day; days without data leave a gap rather than a misleading zero, and lone days show as dots. */
export default function DurationChart({ days, field, name }: { days: MetricsDay[]; field: DurationField; name: string }) {
  const ticks = durationTicks(Math.max(0, ...days.map((d) => d[field] ?? 0)));
  const dots = days.length <= 31 || hasLonePoints(days.map((d) => d[field]));
  return (
    <RechartsThemeProvider value={autoTheme}>
      <LineChart responsive style={{ width: "100%", height: 180 }} data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} strokeOpacity={0.25} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axis} minTickGap={24} />
        <YAxis ticks={ticks} domain={[0, ticks.at(-1)!]} tickFormatter={formatDurationTick} tick={axis} width={60} />
        <Tooltip formatter={(value) => formatDuration(Number(value))} />
        <Line dataKey={field} name={name} stroke={line} strokeWidth={2} dot={dots ? { r: 3 } : false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </RechartsThemeProvider>
  );
}
