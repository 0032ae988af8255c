/**
 * Step runs of command targets. Run: `npx tsx bench/step-runs.ts` (its own
 * embedded database and one real worker process; ~1 minute).
 * 1. "Release decides a step → its command started": from the batch step's
 *    startedAt (the engine's decision) to the command's first instruction
 *    (`date` inside the command), over 200 steps; target p99 < 500 ms. The
 *    tick interval is printed beside it: what a step would wait without the
 *    job queue's NOTIFY pickup.
 * 2. 100 pipelines rolling out at once through command targets on one worker
 *    (2 batches of `sleep 0.2` each): every release's overhead = its wall time
 *    (created → finished) minus its commands' own run time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "../test/database";
import { summarize } from "./lib/stats";

const STEPS = Number(process.env.STEPS ?? 200);
const PIPELINES = Number(process.env.PIPELINES ?? 100);
const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnect } = await import("../lib/db");
const { createPipeline, createPipelineInput } = await import("../lib/pipelines/create");
const { workerProcesses, until } = await import("../test/worker-process");
const { loadConfig } = await import("../lib/config");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-bench-steps-"));
const admin = { actor: "bench", role: "admin" as const };
const workers = workerProcesses();
const tickMs = loadConfig({}).tickMs;

function commandPipeline(slug: string, hosts: number, batchPercent: number, run: string) {
  return createPipeline(
    createPipelineInput.parse({
      slug, name: slug, repository: `bench/${slug}`, batchPercent,
      target: { kind: "command", hosts: Array.from({ length: hosts }, (_, i) => `${slug}-${i + 1}`), batch: { run } },
    }),
    admin,
  );
}

async function addBuild(pipelineId: number, number: number) {
  await db.build.create({
    data: { pipelineId, provider: "generic", externalId: `b${number}`, number, commitSha: `${number}`.padStart(40, "b"), branch: "main", state: "passed", createdAt: new Date(Date.UTC(2026, 0, 1, 0, number)) },
  });
}

const done = async (pipelineIds: number[], releases: number) =>
  (await db.release.count({ where: { pipelineId: { in: pipelineIds }, state: { in: ["succeeded", "failed"] } } })) >= releases;

try {
  await workers.started({ SHIPBOARD_TICK_MS: String(tickMs) });

  // 1. decision → command started, one step after another.
  const perRelease = 100;
  const latency = await commandPipeline("latency", perRelease, 1, `date +%s%3N > ${dir}/$SHIPBOARD_RELEASE-$SHIPBOARD_BATCH`);
  for (let n = 1; n <= Math.ceil(STEPS / perRelease); n++) {
    await addBuild(latency.id, n);
    await until(() => done([latency.id], n), 120_000, `release ${n} of the latency pipeline`, workers.output);
  }
  const steps = await db.releaseStep.findMany({ where: { release: { pipelineId: latency.id }, kind: "batch" }, include: { release: true } });
  const started = steps.map((step) => {
    const batch = Number(step.name.split(" ")[1]);
    return Number(fs.readFileSync(path.join(dir, `${step.releaseId}-${batch}`), "utf8")) - step.startedAt!.getTime();
  });

  // 2. many pipelines at once.
  const many = [];
  for (let i = 0; i < PIPELINES; i++) many.push(await commandPipeline(`many-${i}`, 2, 50, "sleep 0.2"));
  const wallStart = Date.now();
  for (const pipeline of many) await addBuild(pipeline.id, 1);
  const ids = many.map((pipeline) => pipeline.id);
  await until(() => done(ids, PIPELINES), 180_000, "every pipeline's release", workers.output);
  const wallMs = Date.now() - wallStart;
  const releases = await db.release.findMany({ where: { pipelineId: { in: ids } }, include: { steps: { include: { runs: true } } } });
  const runsOf = (release: (typeof releases)[number]) => release.steps.flatMap((step) => step.runs);
  const overheads = releases.map((release) => {
    const commandsMs = runsOf(release).reduce((sum, run) => sum + (run.finishedAt!.getTime() - run.startedAt!.getTime()), 0);
    return release.finishedAt!.getTime() - release.createdAt.getTime() - commandsMs;
  });
  // Of the overhead, the time its runs waited in the queue for one of the worker's command slots (capacity, not the engine).
  const queued = releases.map((release) => runsOf(release).reduce((sum, run) => sum + (run.startedAt!.getTime() - run.createdAt.getTime()), 0));
  const failed = releases.filter((release) => release.state !== "succeeded").length;

  console.log(`\nstep runs of command targets (one worker, SHIPBOARD_STEP_CONCURRENCY=${loadConfig({}).stepConcurrency}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(summarize("decision → command started (target p99 < 500 ms)", started));
  console.log(`${"baseline: the tick interval".padEnd(44)} ${tickMs} ms`);
  console.log(summarize(`${PIPELINES} releases at once: overhead over commands`, overheads, `  failed ${failed}, all done in ${(wallMs / 1000).toFixed(1)} s`));
  console.log(summarize("  of which runs waited for a command slot", queued));
  console.log(summarize("  the rest (engine, ticks, process start)", overheads.map((ms, i) => ms - queued[i]!)));
} finally {
  workers.killAll();
  await disconnect();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
