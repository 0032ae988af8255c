/**
 * SPEC target: 10,000 hosts polling every 5 s (2,000 heartbeats/s) on one
 * 2-core machine, p99 under 100 ms, no errors. Run: `npx tsx bench/heartbeat.ts`
 * (starts its own server; ~1 minute). Baseline in the same run: a Next.js
 * route handler that does one database query (GET /api/health) at the same rate.
 */
import { runOpenLoop } from "./lib/open-loop";
import { startBenchServer } from "./lib/server";
import { summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN } from "../e2e/env";

const HOSTS = 10_000;
const RATE = Number(process.env.RATE ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 20);

async function api(baseUrl: string, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const server = await startBenchServer(3200);
try {
  await api(server.baseUrl, "/api/pipelines", { slug: "fleet", name: "Fleet", repository: "bench/fleet", target: { kind: "agents" } });
  const { token } = await api(server.baseUrl, "/api/tokens", { name: "bench-agents", role: "agent", pipeline: "fleet" });
  const heartbeat = (i: number) => ({
    method: "POST" as const,
    path: "/api/agent/heartbeat",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: "fleet", host: `host-${String(i % HOSTS).padStart(5, "0")}`, release: null, healthy: true }),
  });

  // Every host registers once, then the measured run.
  await runOpenLoop({ origin: server.baseUrl, rate: RATE, seconds: HOSTS / RATE, request: heartbeat });
  const measured = await runOpenLoop({ origin: server.baseUrl, rate: RATE, seconds: SECONDS, request: heartbeat });
  const baseline = await runOpenLoop({
    origin: server.baseUrl, rate: RATE, seconds: 5,
    request: () => ({ method: "GET" as const, path: "/api/health" }),
  });

  console.log(`\nheartbeats: ${HOSTS} hosts, open loop at ${RATE}/s (target: p99 < 100 ms, 0 errors)`);
  console.log(summarize(`POST /api/agent/heartbeat (node:http + pg)`, measured.latenciesMs, `  errors ${measured.errors}/${measured.sent}`));
  console.log(summarize(`baseline: GET /api/health (Next.js route)`, baseline.latenciesMs, `  errors ${baseline.errors}/${baseline.sent}`));
} finally {
  await server.stop();
}
