import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../lib/db";
import { addBuild, createPipeline } from "../lib/engine/testing";
import { until as untilThen, workerProcesses } from "../test/worker-process";

const workers = workerProcesses();
const spawnWorker = () => workers.spawn();
const until = (condition: () => Promise<boolean>, timeoutMs: number, what: string) => untilThen(condition, timeoutMs, what, workers.output);

afterAll(async () => {
  workers.killAll();
  await disconnect();
});

describe("a worker that dies mid-release", { timeout: 90_000 }, () => {
  it("loses nothing: a second worker process carries the release on to success with every host on it", async () => {
    const pipeline = await createPipeline("crash-worker", { hosts: 8, restartSeconds: 1, batchPercent: 25 });
    await addBuild(pipeline.id, 1);

    const first = spawnWorker();
    const midway = () => db.releaseStep.findFirst({ where: { release: { pipelineId: pipeline.id }, name: "Batch 2 of 4", state: "running" } });
    await until(async () => (await midway()) !== null, 20_000, "batch 2 of 4 to run");
    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;

    const release = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id }, include: { steps: true } });
    expect(release.state).toBe("running");
    expect(release.steps.some((step) => step.kind === "batch" && step.state === "pending")).toBe(true);

    spawnWorker();
    const state = async () => (await db.release.findUniqueOrThrow({ where: { id: release.id } })).state;
    await until(async () => (await state()) === "succeeded", 20_000, "the release to succeed");
    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id } });
    expect(hosts).toHaveLength(8);
    expect(hosts.every((host) => host.releaseId === release.id && host.healthy)).toBe(true);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId).toBe(release.id);
  });
});
