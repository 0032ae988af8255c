/**
 * SPEC target: rollback request → the first batch's desired release visible to
 * agents, p99 under 300 ms, with 1,000 agents on 5 s long polls. Run:
 * `npx tsx bench/rollback-latency.ts` (starts its own server; AGENTS=1000,
 * TRIES=50, WAIT=5 by default; about 8 min: each try rolls back and promotes again,
 * batch by batch, with agents taking SWITCH_MS to 2 × SWITCH_MS to switch). The agents long-poll as
 * shipboard-agent does (bench/lib/fleet.ts); a host's latency runs from
 * sending POST /rollback to its long poll answering the rollback release.
 * Baseline in the same run: the rollback request's own response time.
 */
import { adminApi, benchPipeline, SimulatedFleet, until } from "./lib/fleet";
import { startBenchServer } from "./lib/server";
import { summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN } from "../e2e/env";

const AGENTS = Number(process.env.AGENTS ?? 1000);
const TRIES = Number(process.env.TRIES ?? 50);
const SWITCH_MS = Number(process.env.SWITCH_MS ?? 1000);
const WAIT = Number(process.env.WAIT ?? 5);
process.env.SHIPBOARD_TICK_MS ??= "100";
const server = await startBenchServer(3352);
const api = adminApi(server.baseUrl, E2E_ADMIN_TOKEN);
const hosts = Array.from({ length: AGENTS }, (_, i) => `agent-${String(i).padStart(5, "0")}`);

const { view, liveRelease, rollbackReach, sendGreenBuild } = benchPipeline(api, server.baseUrl, "rb");

let fleet: SimulatedFleet | null = null;
try {
  await api.post("/api/pipelines", { slug: "rb", name: "Rollback bench", repository: "bench/rb", batchPercent: 50, target: { kind: "agents", stepTimeoutSeconds: 60 } });
  const { token } = await api.post<{ token: string }>("/api/tokens", { name: "rb-agents", role: "agent", pipeline: "rb" });
  fleet = new SimulatedFleet(server.baseUrl, token, "rb", hosts, WAIT, SWITCH_MS);
  fleet.start();
  await until(async () => (await view()).hostSummary.total === AGENTS);

  await sendGreenBuild(1);
  await until(async () => (await liveRelease()) !== null);
  const newer = await sendGreenBuild(2);
  await until(async () => (await view()).currentRelease?.build.id === newer && (await liveRelease()) !== null);

  const perHost: number[] = [];
  const wholeBatch: number[] = [];
  const answered: number[] = [];
  const started = performance.now();
  for (let i = 0; i < TRIES; i++) {
    const rollback = await rollbackReach(fleet, `bench try ${i + 1}`);
    answered.push(rollback.requestMs);
    perHost.push(...rollback.latencies);
    wholeBatch.push(Math.max(...rollback.latencies));
    await until(async () => (await liveRelease()) === rollback.releaseId);
    // Put the newer build back so the next try has something to roll back from.
    await api.post("/api/pipelines/rb/unlock");
    const promote = await api.post<{ id: number }>("/api/pipelines/rb/promote", { buildId: newer });
    await until(async () => (await liveRelease()) === promote.id);
  }
  const seconds = (performance.now() - started) / 1000;

  console.log(`\nrollback reach over ${TRIES} tries (${seconds.toFixed(0)} s), ${AGENTS} agents long-polling with wait=${WAIT} s, each switching in ${SWITCH_MS}–${2 * SWITCH_MS} ms when told (SWITCH_MS) (target: p99 < 300 ms)`);
  console.log(summarize("request → a first-batch host told (per host)", perHost));
  console.log(summarize("request → whole first batch told (per try)", wholeBatch, `  (${AGENTS / 2} hosts per batch)`));
  console.log(summarize("baseline: the rollback request alone", answered));
} finally {
  await fleet?.stop();
  await server.stop();
}
