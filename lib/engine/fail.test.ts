import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alive, until, workerProcesses } from "../../test/worker-process";
import { db, disconnect } from "../db";
import { createPipeline, createPipelineInput } from "../pipelines/create";
import { blockersFor, failRelease } from ".";
import { addBuild, auditOf } from "./testing";

const workers = workerProcesses();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-stuck-"));
afterAll(async () => {
  for (const child of workers.running()) child.kill("SIGCONT");
  workers.killAll();
  await disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a release whose workers all stopped (SIGSTOP) mid-rollout", { timeout: 120_000 }, () => {
  it("is stuck after 60 s, is marked failed from the web alone, and its command is killed as soon as a worker runs again", async () => {
    const pidFile = path.join(dir, "batch.pid");
    const pipeline = await createPipeline(
      createPipelineInput.parse({
        slug: "stuck-rollout", name: "Stuck", repository: "acme/stuck", batchPercent: 100,
        target: { kind: "command", hosts: ["h1"], batch: { run: `echo $$ > ${pidFile}; exec sleep 120` } },
      }),
      { actor: "ada", role: "admin" },
    );
    await addBuild(pipeline.id, 1);
    const stopped = [await workers.started(), await workers.started()];
    await until(async () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").trim() !== "", 45_000, "the batch to run", workers.output);
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    for (const child of stopped) child.kill("SIGSTOP");
    const release = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id } });

    // The engine's own decision, a little over a minute on.
    const later = new Date(Date.now() + 62_000);
    const blocker = (await blockersFor([pipeline.id], later)).get(pipeline.id);
    expect(blocker?.code).toBe("stuck");
    expect(blocker?.message).toMatch(/^Release #1 is stuck at Batch 1 of 1: no worker has advanced it since \d\d:\d\d:\d\d UTC \(1 min ago\); start a worker, or mark the release failed$/);

    // No worker runs: the web node fails it on its own.
    await failRelease(release.id, "ada", "workers are down");
    const failed = await db.release.findUniqueOrThrow({ where: { id: release.id }, include: { steps: true } });
    expect(failed.state).toBe("failed");
    expect(failed.steps[0]!.log).toContain("failed: marked failed by ada: workers are down");
    expect((await auditOf(pipeline.id)).at(-1)).toMatchObject({ action: "release.fail", actor: "ada", reason: "workers are down" });
    expect((await blockersFor([pipeline.id])).get(pipeline.id)?.code).toBe("failed-to-deploy");
    expect(alive(pid)).toBe(true);

    for (const child of stopped) child.kill("SIGCONT");
    await until(async () => !alive(pid), 15_000, "the command to be killed", workers.output);
    const run = await db.stepRun.findFirstOrThrow({ where: { releaseId: release.id } });
    await until(async () => (await db.stepRun.findUniqueOrThrow({ where: { id: run.id } })).state === "failed", 10_000, "the run to end");
    expect((await db.stepRun.findUniqueOrThrow({ where: { id: run.id } })).note).toBe("killed: marked failed by ada: workers are down");
  });

  it("answers 409 for a release that is not pending or running, and 400 without a reason", async () => {
    const release = await db.release.findFirstOrThrow({ where: { pipeline: { slug: "stuck-rollout" } } });
    await expect(failRelease(release.id, "ada", "again")).rejects.toMatchObject({ status: 409 });
    await expect(failRelease(release.id, "ada", "  ")).rejects.toMatchObject({ status: 400 });
    await expect(failRelease(999_999, "ada", "x")).rejects.toMatchObject({ status: 404 });
  });
});
