import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until, workerProcesses } from "../../test/worker-process";
import { db, disconnect } from "../db";
import { createPipeline, createPipelineInput } from "../pipelines/create";
import { promoteBuild } from "./promote";
import { addBuild } from "./testing";

// One real worker whose tick is an hour away: whatever moves here, a step run's result moved.
const workers = workerProcesses();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-advance-"));
const admin = { actor: "ada", role: "admin" as const };
const SLOW_MACHINE_MS = 45_000;

beforeAll(async () => {
  await workers.started({ SHIPBOARD_TICK_MS: "3600000", SHIPBOARD_STEP_CONCURRENCY: "2" });
});
afterAll(async () => {
  workers.killAll();
  await disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function commandPipeline(slug: string, hosts: number, batchPercent: number, run: string) {
  return createPipeline(
    createPipelineInput.parse({
      slug, name: slug, repository: `acme/${slug}`, autoDeploy: false, batchPercent,
      target: { kind: "command", hosts: Array.from({ length: hosts }, (_, i) => `${slug}-${i + 1}`), batch: { run } },
    }),
    admin,
  );
}

const succeeded = (pipelineIds: number[]) => async () =>
  (await db.release.count({ where: { pipelineId: { in: pipelineIds }, state: "succeeded" } })) === pipelineIds.length;

describe("a step run's result", { timeout: 120_000 }, () => {
  it("advances its release at once: four batches in a row finish with no tick in between", async () => {
    const pipeline = await commandPipeline("advance-now", 4, 25, "true");
    const build = await addBuild(pipeline.id, 1);
    const started = Date.now();
    await promoteBuild("advance-now", build.id, "ada");
    await until(succeeded([pipeline.id]), SLOW_MACHINE_MS, "the release to succeed without a tick", workers.output);
    const steps = await db.releaseStep.findMany({ where: { release: { pipelineId: pipeline.id } }, orderBy: { position: "asc" } });
    expect(steps.map((step) => step.state)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    // Far below one tick interval (an hour): each batch started when the one before it finished.
    expect(Date.now() - started).toBeLessThan(SLOW_MACHINE_MS);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(steps[i - 1]!.finishedAt!.getTime());
  });

  it("is worked by at most SHIPBOARD_STEP_CONCURRENCY commands at once per worker, the rest waiting in the queue", async () => {
    const log = path.join(dir, "concurrency");
    const pipelines = [];
    for (let i = 0; i < 5; i++) pipelines.push(await commandPipeline(`advance-slots-${i}`, 1, 100, `echo + >> ${log}; sleep 1.5; echo - >> ${log}`));
    const builds = await Promise.all(pipelines.map((pipeline) => addBuild(pipeline.id, 1)));
    await Promise.all(pipelines.map((pipeline, i) => promoteBuild(pipeline.slug, builds[i]!.id, "ada")));
    await until(succeeded(pipelines.map((p) => p.id)), SLOW_MACHINE_MS, "every release to succeed", workers.output);
    let running = 0;
    let most = 0;
    for (const mark of fs.readFileSync(log, "utf8").split("\n").filter(Boolean)) {
      running += mark === "+" ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });
});
