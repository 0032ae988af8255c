import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../lib/db";
import { addBuild, createPipeline } from "../lib/engine/testing";

const ROOT = path.resolve(import.meta.dirname, "..");
const workers: ChildProcess[] = [];
const output: string[] = [];

/** A real worker process (`node --import tsx`, one process, so a SIGKILL leaves no child behind). */
function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, SHIPBOARD_TICK_MS: "100" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  workers.push(child);
  return child;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker output:\n${output.join("").slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await disconnect();
});

describe("a worker that dies mid-release", () => {
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
