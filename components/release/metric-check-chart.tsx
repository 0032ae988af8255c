"use client";

import { CartesianGrid, Line, LineChart, RechartsThemeProvider, ReferenceLine, Tooltip, XAxis, YAxis, autoTheme } from "recharts";
import type { MetricCheckView } from "@/lib/views/metric-checks";
import { formatAbsolute } from "../format";

const axis = { fontSize: 12, fill: "currentColor" };
const line = "light-dark(#0369a1, #38bdf8)";
const breach = "light-dark(#dc2626, #f87171)";
const threshold = "light-dark(#b45309, #fbbf24)";

type Point = { t: number; value: number | null; outcome: MetricCheckView["samples"][number]["outcome"] };
type DotProps = { cx?: number; cy?: number; payload?: Point; index?: number };

/** Held samples as small dots, breaches as larger red ones; samples without a value leave a gap. */
function SampleDot({ cx, cy, payload, index }: DotProps) {
  if (cx === undefined || cy === undefined || payload?.value == null) return <g key={index} />;
  const breached = payload.outcome === "breach";
  return <circle key={index} cx={cx} cy={cy} r={breached ? 5 : 3} fill={breached ? breach : line} stroke="none" data-outcome={payload.outcome} />;
}

/** One metric check's samples over time against its threshold (SPEC "Guardrails"): what the release's verdict is made of. */
export default function MetricCheckChart({ check, timeZone }: { check: MetricCheckView; timeZone: string }) {
  const points: Point[] = check.samples.map((sample) => ({ t: Date.parse(sample.at), value: sample.value, outcome: sample.outcome }));
  const clock = (t: number) => formatAbsolute(new Date(t).toISOString(), timeZone).slice(11, 19);
  return (
    <RechartsThemeProvider value={autoTheme}>
      <LineChart responsive style={{ width: "100%", height: 200 }} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} strokeOpacity={0.25} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={clock} tick={axis} minTickGap={32} />
        <YAxis tick={axis} width={56} domain={["auto", "auto"]} />
        <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(value) => [value ?? "no data", check.name]} />
        <ReferenceLine
          y={check.threshold}
          stroke={threshold}
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: `threshold ${check.comparison} ${check.threshold}`, position: "insideTopRight", fontSize: 12, fill: "currentColor" }}
        />
        <Line dataKey="value" name={check.name} stroke={line} strokeWidth={2} dot={SampleDot} activeDot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </RechartsThemeProvider>
  );
}
