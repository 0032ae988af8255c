/**
 * SPEC target: rollback request → the first batch's desired release visible to
 * agents, p99 under 300 ms. Run: `npx tsx bench/rollback-latency.ts` (starts its
 * own server; TRIES=100 by default). Eight simulated agents poll the heartbeat
 * endpoint every 10 ms and switch at once; a try's latency runs from sending
 * POST /rollback to the first heartbeat answer that names the rollback release.
 * Baseline in the same run: the rollback request's own response time.
 */
import { createHmac } from "node:crypto";
import { startBenchServer } from "./lib/server";
import { summarize } from "./lib/stats";
import { E2E_ADMIN_TOKEN, E2E_WEBHOOK_SECRET } from "../e2e/env";

const TRIES = Number(process.env.TRIES ?? 100);
const HOSTS = Array.from({ length: 8 }, (_, i) => `agent-${i + 1}`);
const server = await startBenchServer(3202);
const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}`, "Content-Type": "application/json" };

async function post(path: string, body: unknown = {}, headers: Record<string, string> = admin) {
  const response = await fetch(`${server.baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const currentReleaseId = async () => {
  const pipeline = await (await fetch(`${server.baseUrl}/api/pipelines/rb`, { headers: admin })).json();
  return pipeline.activeRelease ? null : (pipeline.currentRelease?.id as number | undefined) ?? null;
};

let stopAgents = false;
const sightings: { at: number; releaseId: number; host: string }[] = [];

async function agent(host: string, token: string) {
  let running: number | null = null;
  while (!stopAgents) {
    const response: Response = await fetch(`${server.baseUrl}/api/agent/heartbeat`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ pipeline: "rb", host, release: running, healthy: true }),
    });
    const answer = (await response.json()) as { release: { id: number } | null };
    const desired: number | null = answer.release?.id ?? null;
    if (desired !== null && desired !== running) sightings.push({ at: performance.now(), releaseId: desired, host });
    running = desired;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sendGreenBuild(n: number) {
  const body = JSON.stringify({ externalId: `rb-${n}`, number: n, commitSha: n.toString(16).padStart(40, "0"), branch: "main", state: "passed", createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), repository: "bench/rb" });
  const signature = createHmac("sha256", E2E_WEBHOOK_SECRET).update(body).digest("hex");
  const result = await post("/api/webhooks/generic?pipeline=rb", JSON.parse(body), { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${signature}` });
  return result.builds[0].buildId as number;
}

try {
  await post("/api/pipelines", { slug: "rb", name: "Rollback bench", repository: "bench/rb", batchPercent: 25, target: { kind: "agents", stepTimeoutSeconds: 60 } });
  const { token } = await post("/api/tokens", { name: "rb-agents", role: "agent", pipeline: "rb" });
  const agents = HOSTS.map((host) => agent(host, token));
  await new Promise((resolve) => setTimeout(resolve, 500)); // hosts register
  const firstBatch = new Set(HOSTS.slice(0, HOSTS.length / 2));

  await sendGreenBuild(1);
  await until(async () => (await currentReleaseId()) !== null);
  const newer = await sendGreenBuild(2);
  await until(async () => {
    const pipeline = await (await fetch(`${server.baseUrl}/api/pipelines/rb`, { headers: admin })).json();
    return pipeline.activeRelease === null && pipeline.currentRelease?.build.id === newer;
  });

  const visible: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    const sent = performance.now();
    const rollback = await post("/api/pipelines/rb/rollback", { reason: `bench try ${i + 1}` });
    answered.push(performance.now() - sent);
    await until(async () => sightings.some((s) => s.releaseId === rollback.id && firstBatch.has(s.host)));
    const first = sightings.find((s) => s.releaseId === rollback.id && firstBatch.has(s.host))!;
    visible.push(first.at - sent);
    await until(async () => (await currentReleaseId()) === rollback.id);
    // Put the newer build back so the next try has something to roll back from.
    await post("/api/pipelines/rb/unlock");
    const promote = await post("/api/pipelines/rb/promote", { buildId: newer });
    await until(async () => (await currentReleaseId()) === promote.id);
  }
  stopAgents = true;
  await Promise.all(agents);

  console.log(`\nrollback latency over ${TRIES} tries, 8 agents polling every 10 ms (target: p99 < 300 ms)`);
  console.log(summarize("request → first batch told to switch", visible));
  console.log(summarize("baseline: the rollback request alone", answered));
} finally {
  stopAgents = true;
  await server.stop();
}
