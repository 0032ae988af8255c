import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { addBuild, auditOf, createPipeline, releaseState, simulatedClock } from "../engine/testing";
import { tick } from "../engine/tick";
import { startJobRunner, type JobRunner } from "../jobs/runner";
import { createPipelineInput } from "../pipelines/create";
import { publicTarget } from "../pipelines/redact";
import { releaseMetricChecks } from "../views/metric-checks";
import { queryPrometheus } from "./prometheus";
import { metricSampleJob, takeSample } from "./sample-job";

// A fake Prometheus on 127.0.0.1 (allowed by SHIPBOARD_ALLOW_PRIVATE_TARGETS=1):
// each query answers the value the test set for it; "empty" answers no series.
const values = new Map<string, number | "empty" | "error">();
const asked: string[] = [];
const prometheus = http.createServer((request, response) => {
  const url = new URL(request.url!, "http://prometheus");
  const query = url.searchParams.get("query") ?? "";
  asked.push(`${url.pathname}?${query}`);
  const value = values.get(query);
  const json = (status: number, body: object) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  if (value === "error") return json(400, { status: "error", errorType: "bad_data", error: "parse error at char 1" });
  const result = value === undefined || value === "empty" ? [] : [{ metric: {}, value: [Date.now() / 1000, String(value)] }];
  json(200, { status: "success", data: { resultType: "vector", result } });
});
let base = "";
const runners: JobRunner[] = [];
const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
  await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}/prom`;
});
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  prometheus.closeAllConnections();
  prometheus.close();
  delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
  await disconnect();
});

type Check = { query: string; intervalSeconds?: number; failuresAllowed?: number; bakeSeconds?: number; onNoData?: "fail" | "ignore" };

/** A simulated fleet of 4 hosts in batches of 2 whose target has one metric check `query` against the fake Prometheus. */
async function pipelineWithCheck(slug: string, check: Check, options: { autoRollback?: boolean; restartSeconds?: number } = {}) {
  const restartSeconds = options.restartSeconds ?? 5;
  const pipeline = await createPipeline(slug, { hosts: 4, restartSeconds, batchPercent: 50, autoRollback: options.autoRollback ?? false });
  const metricChecks = [{ name: "error rate", url: base, comparison: ">", threshold: 0.05, intervalSeconds: 5, failuresAllowed: 1, bakeSeconds: 10, ...check }];
  await db.pipeline.update({
    where: { id: pipeline.id },
    data: { target: { kind: "simulated", hosts: 4, restartSeconds, checks: [], metricChecks } },
  });
  return pipeline;
}

/** Takes each sample the engine queued that is due by the simulated clock, as the queue's job would. */
async function takeDueSamples(pipelineIds: number[], now: () => Date) {
  const runs = await db.metricCheckRun.findMany({
    where: { release: { pipelineId: { in: pipelineIds }, state: "running" }, scheduledAt: { lte: now() } },
    include: { samples: { select: { dueAt: true } } },
  });
  for (const run of runs) {
    if (run.samples.some((sample) => sample.dueAt.getTime() === run.scheduledAt!.getTime())) continue;
    await takeSample(run.id, run.scheduledAt!, { now });
  }
}

/** Ticks on simulated time, 5 s at a time, taking the pipelines' due samples after each tick, until `done`. */
async function runUntil(clock: ReturnType<typeof simulatedClock>, pipelineIds: number[], done: () => Promise<boolean>) {
  for (let ticks = 0; ticks < 100; ticks++) {
    if (await done()) return;
    const summary = await tick({ now: clock.advance(5) });
    expect(summary.errors.filter((error) => pipelineIds.includes(error.pipelineId))).toEqual([]);
    await takeDueSamples(pipelineIds, clock.now);
  }
  throw new Error("condition not reached after 100 ticks");
}

/** The reason of the pipeline's release.failed audit event. */
const failureReason = async (pipelineId: number) => (await auditOf(pipelineId)).find((event) => event.action === "release.failed")?.reason;

const currentRelease = async (pipelineId: number) => (await db.pipeline.findUniqueOrThrow({ where: { id: pipelineId } })).currentReleaseId;

// Generous: dozens of simulated ticks, on two cores shared with other work.
describe("metric checks on the real database", { timeout: 90_000 }, () => {
  it("bake each batch before the next, then a breach past failuresAllowed fails the release and a rollback follows at once", async () => {
    values.set("errors", 0.01);
    const pipeline = await pipelineWithCheck("metric-breach", { query: "errors" }, { autoRollback: true });
    const clock = simulatedClock();
    await addBuild(pipeline.id, 1);
    await runUntil(clock, [pipeline.id], async () => (await currentRelease(pipeline.id)) !== null);
    const good = (await currentRelease(pipeline.id))!;

    // Each batch ran on for the 10 s bake after its hosts converged, sampled all along; every sample held.
    const batches = await db.releaseStep.findMany({ where: { releaseId: good, kind: "batch" }, orderBy: { position: "asc" } });
    for (const batch of batches) {
      expect(batch.finishedAt!.getTime() - batch.convergedAt!.getTime()).toBeGreaterThanOrEqual(10_000);
      expect(batch.log).toMatch(/baking: metric checks run until/);
    }
    const [held] = await releaseMetricChecks(good);
    expect(held).toMatchObject({ name: "error rate", comparison: ">", threshold: 0.05, breaches: 0, failed: false });
    expect(held!.samples.length).toBeGreaterThanOrEqual(4);
    expect(held!.samples.every((sample) => sample.outcome === "ok" && sample.value === 0.01)).toBe(true);
    expect(asked.at(-1)).toBe("/prom/api/v1/query?errors");

    values.set("errors", 0.2);
    const bad = await addBuild(pipeline.id, 2);
    await runUntil(clock, [pipeline.id], async () => (await db.release.count({ where: { pipelineId: pipeline.id, kind: "rollback" } })) > 0);
    const failed = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, buildId: bad.id } });
    expect(failed.state).toBe("failed");
    const reason = 'Batch 1 of 2: metric check "error rate" failed: 0.2 > 0.05, 2 failures with 1 allowed';
    const [breached] = await releaseMetricChecks(failed.id);
    expect(breached).toMatchObject({ breaches: 2, failures: 2, failed: true });
    expect(breached!.samples.map((sample) => [sample.value, sample.outcome])).toEqual([[0.2, "breach"], [0.2, "breach"]]);

    const rollback = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, kind: "rollback" } });
    expect(rollback).toMatchObject({ trigger: "auto", by: "shipboard", replacedReleaseId: failed.id, state: "running" });
    expect((await auditOf(pipeline.id)).filter((event) => event.action === "release.failed")).toEqual([
      expect.objectContaining({ releaseId: failed.id, reason }),
    ]);
    expect(await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).toMatchObject({
      locked: true, lockKind: "rollback", lockReason: `shipboard rolled back from release #2: ${reason}`,
    });
    // The rollback runs no metric checks and finishes on its own.
    await runUntil(clock, [pipeline.id], async () => (await releaseState(rollback.id)) === "succeeded");
    expect(await db.metricCheckRun.count({ where: { releaseId: rollback.id } })).toBe(0);
  });

  it("counts queries that error or find no data as inconclusive: ignored by default, a failure with onNoData: fail", async () => {
    values.set("missing", "empty");
    values.set("broken", "error");
    const ignoring = await pipelineWithCheck("metric-nodata-ignore", { query: "missing", failuresAllowed: 0 });
    const failing = await pipelineWithCheck("metric-nodata-fail", { query: "broken", failuresAllowed: 1, onNoData: "fail" });
    const clock = simulatedClock();
    await addBuild(ignoring.id, 1);
    await addBuild(failing.id, 1);
    const finished = async (pipelineId: number) => (await db.release.count({ where: { pipelineId, state: { in: ["succeeded", "failed"] } } })) > 0;
    await runUntil(clock, [ignoring.id, failing.id], async () => (await finished(ignoring.id)) && (await finished(failing.id)));

    const ignored = await db.release.findFirstOrThrow({ where: { pipelineId: ignoring.id } });
    expect(ignored.state).toBe("succeeded");
    const [noData] = await releaseMetricChecks(ignored.id);
    expect(noData).toMatchObject({ breaches: 0, failures: 0, failed: false, onNoData: "ignore" });
    expect(noData!.inconclusive).toBeGreaterThanOrEqual(4);
    expect(noData!.samples[0]).toMatchObject({ value: null, outcome: "inconclusive", note: "no data" });

    const failed = await db.release.findFirstOrThrow({ where: { pipelineId: failing.id } });
    expect(failed.state).toBe("failed");
    expect(await failureReason(failing.id)).toBe('Batch 1 of 2: metric check "error rate" failed: no data (onNoData: fail; threshold > 0.05), 2 failures with 1 allowed');
    const [errored] = await releaseMetricChecks(failed.id);
    expect(errored!.samples[0]).toMatchObject({ value: null, outcome: "inconclusive", note: "query error: parse error at char 1" });
  });

  it("samples through the job queue with two workers, once per due time, and a breach fails the release in real time", async () => {
    values.set("latency", 3);
    const pipeline = await pipelineWithCheck("metric-queue", { query: "latency", intervalSeconds: 1, failuresAllowed: 2, bakeSeconds: 30 }, { restartSeconds: 0 });
    for (let i = 0; i < 2; i++) {
      runners.push(await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 2, jobs: [metricSampleJob] }));
    }
    await addBuild(pipeline.id, 1);
    const until = Date.now() + 20_000;
    let release = await db.release.findFirst({ where: { pipelineId: pipeline.id } });
    while (release?.state !== "failed" && Date.now() < until) {
      await tick();
      await new Promise((resolve) => setTimeout(resolve, 100));
      release = await db.release.findFirst({ where: { pipelineId: pipeline.id } });
    }
    expect(release?.state).toBe("failed");
    expect(await failureReason(pipeline.id)).toBe('Batch 1 of 2: metric check "error rate" failed: 3 > 0.05, 3 failures with 2 allowed');
    const samples = await db.metricSample.findMany({ where: { check: { releaseId: release!.id } }, orderBy: { dueAt: "asc" } });
    expect(samples.length).toBeGreaterThanOrEqual(3);
    // One sample per due time, a second apart: two workers never sampled the same one twice.
    for (let i = 1; i < samples.length; i++) expect(samples[i]!.dueAt.getTime() - samples[i - 1]!.dueAt.getTime()).toBeGreaterThanOrEqual(1_000);
  });

  it("refuses a check URL on a private address when saved, and never connects to one when asked to sample it", async () => {
    delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
    try {
      const input = {
        slug: "metric-private", name: "x", repository: "acme/x",
        target: { kind: "agents", metricChecks: [{ name: "p99", url: "http://10.0.0.7:9090", query: "q", comparison: ">", threshold: 1 }] },
      };
      const parsed = createPipelineInput.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ["target", "metricChecks", 0, "url"], message: expect.stringMatching(/^refused: /) });

      const before = asked.length;
      expect(await queryPrometheus(base, "errors", { timeoutMs: 1_000 })).toEqual({ value: null, note: expect.stringMatching(/^refused: 127\.0\.0\.1/) });
      expect(asked.length).toBe(before);
    } finally {
      process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
    }
  });

  it("shows people below admin a check's URL without its credentials", () => {
    const target = { kind: "agents", metricChecks: [{ name: "p99", url: "https://ops:s3cret@prometheus.example.com/api?token=abc", query: "q" }] };
    expect(JSON.stringify(publicTarget(target))).not.toMatch(/s3cret|abc/);
    expect(publicTarget(target)).toMatchObject({ metricChecks: [{ name: "p99", url: "https://prometheus.example.com/api", query: "q" }] });
  });
});
