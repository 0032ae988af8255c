/**
 * SPEC target: 10,000 hosts polling every 5 s (2,000 heartbeats/s, no `wait`)
 * on one 2-core machine; the bar is p99 under 10 ms with no errors.
 * Run: `npx tsx bench/heartbeat.ts` (starts its own server; SECONDS=60 by
 * default). Prints latency, errors and the server process's CPU. Baseline in
 * the same run: a Next.js route handler that does one database query
 * (GET /api/health) at the same rate.
 */
import { runOpenLoop } from "./lib/open-loop";
import { adminApi } from "./lib/fleet";
import { processUsage, startBenchServer } from "./lib/server";
import { summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN } from "../e2e/env";

const HOSTS = 10_000;
const RATE = Number(process.env.RATE ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 60);

const server = await startBenchServer(3354);
try {
  const api = adminApi(server.baseUrl, E2E_ADMIN_TOKEN);
  await api.post("/api/pipelines", { slug: "fleet", name: "Fleet", repository: "bench/fleet", target: { kind: "agents" } });
  const { token } = await api.post<{ token: string }>("/api/tokens", { name: "bench-agents", role: "agent", pipeline: "fleet" });
  const heartbeat = (i: number) => ({
    method: "POST" as const,
    path: "/api/agent/heartbeat",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: "fleet", host: `host-${String(i % HOSTS).padStart(5, "0")}`, release: null, healthy: true }),
  });

  // Every host registers once (arrivals are random: 10 % more requests than hosts reach them all), then the measured run.
  await runOpenLoop({ origin: server.baseUrl, rate: RATE, seconds: (1.1 * HOSTS) / RATE, request: heartbeat });
  const before = processUsage(server.pid);
  const measured = await runOpenLoop({ origin: server.baseUrl, rate: RATE, seconds: SECONDS, request: heartbeat });
  const after = processUsage(server.pid);
  const baseline = await runOpenLoop({
    origin: server.baseUrl, rate: RATE, seconds: 5,
    request: () => ({ method: "GET" as const, path: "/api/health" }),
  });

  const cpu = ((after.cpuSeconds - before.cpuSeconds) / measured.seconds) * 100;
  console.log(`\nheartbeats: ${HOSTS} hosts, open loop at ${RATE}/s for ${SECONDS} s (target: p99 < 10 ms, 0 errors)`);
  console.log(summarize(`POST /api/agent/heartbeat (node:http + pg)`, measured.latenciesMs, `  errors ${measured.errors}/${measured.sent}`));
  console.log(`server process CPU ${cpu.toFixed(0)}% of one core, RSS ${after.rssMb.toFixed(0)} MB (the worker runs in its own process)`);
  console.log(`the load generator's own event-loop delay (it shares the 2 cores): p99 ${measured.clientDelayP99Ms.toFixed(1)} ms`);
  console.log(summarize(`baseline: GET /api/health (Next.js route)`, baseline.latenciesMs, `  errors ${baseline.errors}/${baseline.sent}`));
} finally {
  await server.stop();
}
