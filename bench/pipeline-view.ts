/**
 * SPEC target: at 10,000 hosts, `GET /api/pipelines/:slug` stays under 50 KB
 * and 50 ms p95, so a page polling it every second costs nothing. Run:
 * `npx tsx bench/pipeline-view.ts` (starts its own server; 10,000 hosts
 * register by heartbeat, some made unreachable, unhealthy and switching; then
 * 300 sequential reads). Baseline in the same run: `GET /api/health` (a
 * Next.js route with one query) and one page of the hosts endpoint.
 */
import { runOpenLoop } from "./lib/open-loop";
import { adminApi } from "./lib/fleet";
import { startBenchServer } from "./lib/server";
import { summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN } from "../e2e/env";

const HOSTS = 10_000;
const READS = Number(process.env.READS ?? 300);
const server = await startBenchServer(3355);

async function timedReads(path: string, count: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
    const body = await response.arrayBuffer();
    ms.push(performance.now() - started);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    bytes = body.byteLength;
  }
  return { ms, bytes };
}

try {
  const api = adminApi(server.baseUrl, E2E_ADMIN_TOKEN);
  await api.post("/api/pipelines", { slug: "view", name: "View", repository: "bench/view", target: { kind: "agents", hostTimeoutSeconds: 15 } });
  const { token } = await api.post<{ token: string }>("/api/tokens", { name: "view-agents", role: "agent", pipeline: "view" });
  // Two passes: a host whose first heartbeat failed under load registers on the
  // second. Arrivals are random, so each pass sends 10 % more than HOSTS
  // (wrapping round: `% HOSTS`) to be sure to reach every host.
  for (const rate of [2000, 1000]) await runOpenLoop({
    origin: server.baseUrl, rate, seconds: (1.1 * HOSTS) / rate,
    request: (i) => ({
      method: "POST" as const,
      path: "/api/agent/heartbeat",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      // Every 50th host reports itself unhealthy: problems to list first.
      body: JSON.stringify({ pipeline: "view", host: `host-${String(i % HOSTS).padStart(5, "0")}`, release: null, healthy: i % 50 !== 0 }),
    }),
  });
  const view = await api.get<{ hostSummary: { total: number }; hosts: unknown[] }>("/api/pipelines/view");
  if (view.hostSummary.total !== HOSTS) throw new Error(`expected ${HOSTS} hosts, found ${view.hostSummary.total}`);

  await timedReads("/api/pipelines/view", 20); // warm-up
  const pipeline = await timedReads("/api/pipelines/view", READS);
  const health = await timedReads("/api/health", READS);
  const page = await timedReads("/api/pipelines/view/hosts?limit=100", READS);

  console.log(`\nGET /api/pipelines/:slug with ${HOSTS} hosts, ${READS} sequential reads (targets: < 50 KB, p95 < 50 ms)`);
  console.log(summarize(`GET /api/pipelines/view (${(pipeline.bytes / 1024).toFixed(1)} KB, ${view.hosts.length} hosts listed)`, pipeline.ms));
  console.log(summarize(`baseline: GET /api/health (${health.bytes} B)`, health.ms));
  console.log(summarize(`baseline: GET …/hosts?limit=100 (${(page.bytes / 1024).toFixed(1)} KB)`, page.ms));
} finally {
  await server.stop();
}
