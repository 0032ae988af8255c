/**
 * SPEC targets: 10,000 agents waiting at once on one 2-core machine, the
 * server's RSS under 500 MB, and a rollback tells all 5,000 first-batch hosts
 * within 1 s (p99). The server's RSS is the front process's, which holds the
 * polls (server/start.ts); its children (the Next.js child, the worker, the
 * embedded database) are printed beside it. Simulated agents take SWITCH_MS
 * to 2 × SWITCH_MS to switch (default 1000; 0 switches at once). Then the server is killed (SIGKILL) while they wait: a
 * plain listener takes its port and records when each agent comes back, to
 * show the reconnect spread (no thundering herd). Run:
 * `npx tsx bench/agents-10k.ts` (starts its own server; AGENTS=10000,
 * TRIES=3; ~60 s after start-up). Baselines in the same run: the server's RSS
 * with no agent connected, and the rollback request's own response time.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { adminApi, benchPipeline, SimulatedFleet, until } from "./lib/fleet";
import { processUsage, startBenchServer } from "./lib/server";
import { percentile, summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN } from "../e2e/env";

const AGENTS = Number(process.env.AGENTS ?? 10_000);
const TRIES = Number(process.env.TRIES ?? 3);
const SWITCH_MS = Number(process.env.SWITCH_MS ?? 1000);
const PORT = 3353;
process.env.SHIPBOARD_TICK_MS ??= "100";
const server = await startBenchServer(PORT);
const api = adminApi(server.baseUrl, E2E_ADMIN_TOKEN);
const hosts = Array.from({ length: AGENTS }, (_, i) => `node-${String(i).padStart(5, "0")}`);

const { view, liveRelease, rollbackReach, sendGreenBuild } = benchPipeline(api, server.baseUrl, "big");

/** Arrivals per window of `ms`, as "start–end s: count" lines with a bar. */
function histogram(times: number[], origin: number, ms: number, windows: number): string[] {
  const counts = new Array<number>(windows).fill(0);
  for (const t of times) counts[Math.min(windows - 1, Math.max(0, Math.floor((t - origin) / ms)))]! += 1;
  const most = Math.max(1, ...counts);
  return counts.map((count, i) => `  ${((i * ms) / 1000).toFixed(1).padStart(5)}–${(((i + 1) * ms) / 1000).toFixed(1).padStart(4)} s ${String(count).padStart(6)} ${"#".repeat(Math.round((40 * count) / most))}`);
}

let fleet: SimulatedFleet | null = null;
let standIn: http.Server | null = null;
try {
  await api.post("/api/pipelines", { slug: "big", name: "10k", repository: "bench/big", batchPercent: 50, target: { kind: "agents", stepTimeoutSeconds: 120 } });
  const { token } = await api.post<{ token: string }>("/api/tokens", { name: "big-agents", role: "agent", pipeline: "big" });
  const idle = processUsage(server.pid).rssMb;
  fleet = new SimulatedFleet(server.baseUrl, token, "big", hosts, 30, SWITCH_MS);
  fleet.start();
  await until(async () => (await view()).hostSummary.total === AGENTS, 120_000, 500);
  await sendGreenBuild(1);
  await until(async () => (await liveRelease()) !== null, 120_000, 200);
  const newer = await sendGreenBuild(2);
  await until(async () => (await view()).currentRelease?.build.id === newer && (await liveRelease()) !== null, 120_000, 200);
  await until(() => fleet!.waiting === AGENTS, 30_000, 50);
  // Steady state: one sample a second for 15 s while all 10,000 polls wait (the rollouts' garbage is being collected meanwhile).
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(processUsage(server.pid).rssMb);
  }
  const waitingRss = percentile([...samples].sort((a, b) => a - b), 50);
  const childrenRss = execFileSync("pgrep", ["-P", String(server.pid)]).toString().trim().split("\n").map(Number).filter(Boolean).map((pid) => {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const name = argv[0] === process.execPath ? path.relative(process.cwd(), argv.at(-1)!) : path.basename(argv[0] ?? "?");
    return `${name} ${processUsage(pid).rssMb.toFixed(0)} MB`;
  });

  const perHost: number[] = [];
  const wholeBatch: number[] = [];
  const answered: number[] = [];
  let peakRss = Math.max(...samples);
  for (let i = 0; i < TRIES; i++) {
    await until(() => fleet!.waiting === AGENTS, 30_000, 20);
    const rollback = await rollbackReach(fleet, `bench try ${i + 1}`);
    answered.push(rollback.requestMs);
    perHost.push(...rollback.latencies);
    wholeBatch.push(Math.max(...rollback.latencies));
    peakRss = Math.max(peakRss, processUsage(server.pid).rssMb);
    await until(async () => (await liveRelease()) === rollback.releaseId, 60_000, 100);
    await api.post("/api/pipelines/big/unlock");
    const promote = await api.post<{ id: number }>("/api/pipelines/big/promote", { buildId: newer });
    await until(async () => (await liveRelease()) === promote.id, 60_000, 100);
    peakRss = Math.max(peakRss, processUsage(server.pid).rssMb);
  }

  console.log(`\n${AGENTS} agents long-polling (wait=30 s) on one server, each switching in ${SWITCH_MS}–${2 * SWITCH_MS} ms when told (SWITCH_MS) (targets: RSS < 500 MB, first batch told p99 < 1 s)`);
  console.log(`server RSS with ${AGENTS} polls waiting: median ${waitingRss.toFixed(0)} MB over 15 s (first ${samples[0]!.toFixed(0)} MB, last ${samples.at(-1)!.toFixed(0)} MB), peak ${peakRss.toFixed(0)} MB during rollouts; baseline ${idle.toFixed(0)} MB with no agent`);
  console.log(`per waiting poll: ${(((waitingRss - idle) * 1024) / AGENTS).toFixed(1)} KB (RSS with the polls waiting over RSS with none)`);
  console.log(`beside it, its child processes (not holding polls): ${childrenRss.join(", ")}`);
  console.log(summarize(`rollback → a first-batch host told (per host)`, perHost, `  (${perHost.length / TRIES} hosts per first batch)`));
  console.log(summarize("rollback → whole first batch told (per try)", wholeBatch));
  console.log(summarize("baseline: the rollback request alone", answered));

  // Kill the server while every agent waits; a stand-in takes the port and counts who comes back when.
  await until(() => fleet!.waiting === AGENTS, 30_000, 20);
  const children = execFileSync("pgrep", ["-P", String(server.pid)]).toString().trim().split("\n").map(Number).filter(Boolean);
  const killedAt = performance.now();
  const triesBefore = fleet.failedTries.length;
  server.kill();
  const firstTry = new Map<string, number>();
  standIn = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      const host = (JSON.parse(body || "{}") as { host?: string }).host ?? "?";
      if (!firstTry.has(host)) firstTry.set(host, performance.now());
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"database_down","message":"restarting"}}');
    });
  });
  standIn.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => {
    const listen = () => standIn!.once("error", () => setTimeout(listen, 5)).listen(PORT, undefined, 4096, () => resolve());
    listen();
  });
  const listeningAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 16_000));
  for (const pid of children) {
    try {
      process.kill(pid, "SIGTERM"); // the killed server's worker and embedded database
    } catch {
      // already gone
    }
  }
  const arrivals = [...firstTry.values()];
  const gaps = arrivals.map((t) => t - killedAt).sort((a, b) => a - b);
  const perWindow = new Map<number, number>();
  for (const t of arrivals) perWindow.set(Math.floor((t - killedAt) / 100), (perWindow.get(Math.floor((t - killedAt) / 100)) ?? 0) + 1);
  console.log(`\nserver killed with ${AGENTS} agents waiting; stand-in listening ${(listeningAt - killedAt).toFixed(0)} ms later; failed tries while it was gone: ${fleet.failedTries.length - triesBefore}`);
  console.log(`agents back at the port within 16 s: ${firstTry.size}/${AGENTS}; first try after the kill p50 ${percentile(gaps, 50).toFixed(0)} ms, p99 ${percentile(gaps, 99).toFixed(0)} ms, max ${(gaps.at(-1) ?? NaN).toFixed(0)} ms; busiest 100 ms window: ${Math.max(0, ...perWindow.values())} agents`);
  console.log("reconnect spread (first request of each agent after the kill, per second):");
  console.log(histogram(arrivals, killedAt, 1000, 16).join("\n"));
} finally {
  await fleet?.stop();
  standIn?.closeAllConnections();
  standIn?.close();
  await server.stop();
}

