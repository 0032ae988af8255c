/**
 * SPEC target: a rollout of 1,000 simulated hosts in 4 batches spends under
 * 5% more than the hosts' own restart time. Run: `npx tsx bench/engine-overhead.ts`
 * (starts its own server with the e2e worker tick of 200 ms; one deploy,
 * ~50 s). The baseline, from the same run, is the hosts' own time: for each
 * batch, the slowest of its hosts' restart times (restartMs, the simulated
 * fleet's own rule), summed over the batches.
 */
import { createHmac } from "node:crypto";
import { restartMs } from "../lib/engine/targets/simulated";
import { parseTarget, type TargetConfig } from "../lib/engine/targets/schema";
import { adminApi, until } from "./lib/fleet";
import { startBenchServer } from "./lib/server";
import { E2E_ADMIN_TOKEN, E2E_WEBHOOK_SECRET } from "../e2e/env";

const RESTART_SECONDS = Number(process.env.RESTART_SECONDS ?? 10);
const server = await startBenchServer(3356);
const target = { kind: "simulated", hosts: 1000, restartSeconds: RESTART_SECONDS, checkSeconds: 0, stepTimeoutSeconds: 120 };
type Step = { kind: string; hosts: string[]; startedAt: string; finishedAt: string };
type Release = { id: number; state: string; startedAt: string; finishedAt: string | null; steps: Step[] };

try {
  const api = adminApi(server.baseUrl, E2E_ADMIN_TOKEN);
  await api.post("/api/pipelines", { slug: "overhead", name: "Overhead", repository: "bench/overhead", batchPercent: 25, target });
  const body = JSON.stringify({ externalId: "o-1", number: 1, commitSha: "a".repeat(40), branch: "main", state: "passed", createdAt: new Date().toISOString(), repository: "bench/overhead" });
  const signature = createHmac("sha256", E2E_WEBHOOK_SECRET).update(body).digest("hex");
  await fetch(`${server.baseUrl}/api/webhooks/generic?pipeline=overhead`, {
    method: "POST", headers: { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${signature}` }, body,
  });
  let releaseId = 0;
  await until(async () => {
    const releases = await api.get<{ items: { id: number; state: string }[] }>("/api/pipelines/overhead/releases");
    releaseId = releases.items[0]?.id ?? 0;
    return releases.items[0]?.state === "succeeded";
  }, 240_000, 250);
  const release = await api.get<Release>(`/api/releases/${releaseId}`);
  const config = parseTarget(target) as Extract<TargetConfig, { kind: "simulated" }>;
  const batches = release.steps.filter((step) => step.kind === "batch");
  const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);
  const own = batches.reduce((sum, step) => sum + Math.max(...step.hosts.map((host) => restartMs(config, host))), 0);
  const rollout = ms(batches[0]!.startedAt, batches.at(-1)!.finishedAt);
  const whole = ms(release.startedAt, release.finishedAt!);

  console.log(`\nengine overhead: 1,000 simulated hosts in ${batches.length} batches, restartSeconds ${RESTART_SECONDS} (target: < 5%)`);
  batches.forEach((step, i) => {
    const slowest = Math.max(...step.hosts.map((host) => restartMs(config, host)));
    console.log(`  batch ${i + 1}: ${step.hosts.length} hosts, took ${ms(step.startedAt, step.finishedAt)} ms, slowest host ${slowest} ms`);
  });
  console.log(`rollout (first batch start → last batch end): ${rollout} ms; whole release incl. checks: ${whole} ms`);
  console.log(`baseline: the hosts' own restart time (slowest host per batch, summed): ${own} ms`);
  console.log(`overhead: ${(((rollout - own) / own) * 100).toFixed(2)}% (rollout), ${(((whole - own) / own) * 100).toFixed(2)}% (whole release)`);
} finally {
  await server.stop();
}
