import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive, until, workerProcesses } from "../../test/worker-process";
import { db, disconnect } from "../db";
import { rollbackPipeline } from "../engine";
import { addBuild } from "../engine/testing";
import { createPipeline, createPipelineInput } from "../pipelines/create";

// Real worker processes run real shell commands; each test's commands write into its own directory.
const workers = workerProcesses();
/** Generous: tests share two cores with other work. */
const SLOW_MACHINE_MS = 45_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-command-"));
const admin = { actor: "ada", role: "admin" as const };
const file = (name: string) => path.join(dir, name);
const read = (name: string) => (fs.existsSync(file(name)) ? fs.readFileSync(file(name), "utf8") : "");

beforeAll(async () => {
  await workers.started();
});
afterAll(async () => {
  workers.killAll();
  await disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function commandPipeline(slug: string, target: { batch: string; checks?: { name: string; run: string }[]; stepTimeoutSeconds?: number }, options: { autoRollback?: boolean } = {}) {
  return createPipeline(
    createPipelineInput.parse({
      slug, name: slug, repository: `acme/${slug}`, autoRollback: options.autoRollback ?? false, batchPercent: 50,
      target: {
        kind: "command", hosts: ["h1", "h2", "h3", "h4"], checks: target.checks ?? [], batch: { run: target.batch },
        stepTimeoutSeconds: target.stepTimeoutSeconds ?? 60,
      },
    }),
    admin,
  );
}

const releaseOf = (pipelineId: number, number: number) => db.release.findFirst({ where: { pipelineId, number }, include: { steps: { include: { runs: true }, orderBy: { position: "asc" } } } });
const settled = async (pipelineId: number, number: number, state: string) => (await releaseOf(pipelineId, number))?.state === state;

describe("a command target", { timeout: 120_000 }, () => {
  it("runs its checks, then rolls out in batches with each batch's environment, and puts the hosts on the release", async () => {
    const pipeline = await commandPipeline("cmd-batches", {
      checks: [{ name: "Lint", run: `echo "check $SHIPBOARD_CHECK" >> ${file("batches")}` }],
      batch: `echo "batch $SHIPBOARD_BATCH $SHIPBOARD_HOSTS $SHIPBOARD_KIND $SHIPBOARD_BUILD $SHIPBOARD_PIPELINE #$SHIPBOARD_RELEASE_NUMBER" >> ${file("batches")}; echo "deployed $SHIPBOARD_HOSTS"`,
    });
    await addBuild(pipeline.id, 7);
    await until(() => settled(pipeline.id, 1, "succeeded"), SLOW_MACHINE_MS, "release #1 to succeed", workers.output);
    expect(read("batches")).toBe(
      "check Lint\nbatch 1 h1,h2 deploy 7 cmd-batches #1\nbatch 2 h3,h4 deploy 7 cmd-batches #1\n",
    );
    const release = (await releaseOf(pipeline.id, 1))!;
    expect(release.steps.map((step) => [step.name, step.state, step.runs.map((run) => [run.state, run.exitCode])])).toEqual([
      ["Lint", "succeeded", [["succeeded", 0]]],
      ["Batch 1 of 2", "succeeded", [["succeeded", 0]]],
      ["Batch 2 of 2", "succeeded", [["succeeded", 0]]],
    ]);
    expect(release.steps[1]!.runs[0]!.output).toContain("deployed h1,h2");
    const hosts = await db.host.findMany({ where: { pipelineId: pipeline.id } });
    expect(hosts.every((host) => host.releaseId === release.id && host.healthy)).toBe(true);
  });

  it("fails the release when a batch's command fails, and the auto-rollback runs through the same command", async () => {
    const pipeline = await commandPipeline(
      "cmd-rollback",
      { batch: `echo "$SHIPBOARD_KIND $SHIPBOARD_BUILD $SHIPBOARD_BATCH" >> ${file("rollback")}; test "$SHIPBOARD_KIND" = rollback || test "$SHIPBOARD_BUILD" != 2 || { echo boom >&2; exit 3; }` },
      { autoRollback: true },
    );
    await addBuild(pipeline.id, 1);
    await until(() => settled(pipeline.id, 1, "succeeded"), SLOW_MACHINE_MS, "release #1 to succeed", workers.output);
    await addBuild(pipeline.id, 2);
    await until(() => settled(pipeline.id, 3, "succeeded"), SLOW_MACHINE_MS, "the rollback to succeed", workers.output);
    const failed = (await releaseOf(pipeline.id, 2))!;
    expect(failed.state).toBe("failed");
    const batch = failed.steps.find((step) => step.name === "Batch 1 of 2")!;
    expect(batch.runs[0]).toMatchObject({ state: "failed", exitCode: 3, note: "exit code 3" });
    expect(batch.runs[0]!.output).toContain("boom");
    expect((await releaseOf(pipeline.id, 3))!.kind).toBe("rollback");
    // Build 1 again, on both batches, by the rollback (max(50, 50)% batches).
    expect(read("rollback").split("\n").filter(Boolean).slice(-3)).toEqual(["deploy 2 1", "rollback 1 1", "rollback 1 2"]);
  });

  it("kills a hanging command's process group at the step timeout, and the log says so", async () => {
    const pipeline = await commandPipeline("cmd-timeout", { batch: `echo $$ > ${file("timeout.pid")}; exec sleep 120`, stepTimeoutSeconds: 2 });
    await addBuild(pipeline.id, 1);
    await until(async () => read("timeout.pid") !== "", SLOW_MACHINE_MS, "the command to start", workers.output);
    const pid = Number(read("timeout.pid"));
    expect(alive(pid)).toBe(true);
    await until(() => settled(pipeline.id, 1, "failed"), SLOW_MACHINE_MS, "the release to fail", workers.output);
    await until(async () => !alive(pid), 5_000, "the command to be killed");
    const run = (await releaseOf(pipeline.id, 1))!.steps[0]!.runs[0]!;
    await until(async () => (await db.stepRun.findUniqueOrThrow({ where: { id: run.id } })).state === "failed", 5_000, "the run to end");
    const ended = await db.stepRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.note).toBe("killed: step timeout (2 s)");
    expect(ended.output).toMatch(/killed process group \d+: step timeout \(2 s\)/);
  });

  it("stops a running batch's process group when a rollback supersedes its release", async () => {
    const pipeline = await commandPipeline("cmd-supersede", {
      batch: `if [ "$SHIPBOARD_BUILD" = 2 ]; then echo $$ > ${file("supersede.pid")}; exec sleep 120; fi`,
    });
    await addBuild(pipeline.id, 1);
    await until(() => settled(pipeline.id, 1, "succeeded"), SLOW_MACHINE_MS, "release #1 to succeed", workers.output);
    await addBuild(pipeline.id, 2);
    await until(async () => read("supersede.pid") !== "", SLOW_MACHINE_MS, "build 2's batch to start", workers.output);
    const pid = Number(read("supersede.pid"));
    await rollbackPipeline("cmd-supersede", "ada", { reason: "error spike" });
    await until(async () => !alive(pid), 5_000, "the superseded command to be killed", workers.output);
    expect((await releaseOf(pipeline.id, 2))!.state).toBe("superseded");
    await until(() => settled(pipeline.id, 3, "succeeded"), SLOW_MACHINE_MS, "the rollback to succeed", workers.output);
    const run = (await releaseOf(pipeline.id, 2))!.steps[0]!.runs[0]!;
    expect(run.note).toBe("killed: ada rolled back from release #2: error spike");
  });
});

describe("a worker killed (kill -9) while its command runs", { timeout: 120_000 }, () => {
  it("takes its command's process group with it, and another worker retries the run to success", async () => {
    const pipeline = await commandPipeline("cmd-kill9", {
      batch: `if [ ! -e ${file("kill9.first")} ]; then touch ${file("kill9.first")}; echo $$ > ${file("kill9.pid")}; exec sleep 120; fi; echo "attempt ok"`,
    });
    await addBuild(pipeline.id, 1);
    await until(async () => read("kill9.pid") !== "", SLOW_MACHINE_MS, "the command to start", workers.output);
    const pid = Number(read("kill9.pid"));
    const [running] = await db.stepRun.findMany({ where: { releaseId: (await releaseOf(pipeline.id, 1))!.id, state: "running" } });
    const owner = workers.running().find((child) => running!.workerId?.endsWith(`:${child.pid}`))!;
    owner.kill("SIGKILL");
    // The command's watchdog notices its worker is gone and ends the group.
    await until(async () => !alive(pid), 5_000, "the orphaned command to be killed");
    expect((await db.stepRun.findUniqueOrThrow({ where: { id: running!.id } })).state).toBe("running");
    await workers.started();
    await until(() => settled(pipeline.id, 1, "succeeded"), 40_000, "the release to succeed after the lease lapsed", workers.output);
    const runs = await db.stepRun.findMany({ where: { stepId: running!.stepId }, orderBy: { attempt: "asc" } });
    expect(runs.map((run) => [run.attempt, run.state])).toEqual([[1, "failed"], [2, "succeeded"]]);
    expect(runs[0]!.note).toMatch(/^lost: worker .+ stopped answering$/);
    expect(runs[1]!.output).toContain("attempt ok");
  });
});
