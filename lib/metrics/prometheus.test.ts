import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { lockPipeline } from "../engine";
import { refreshDailyStats } from "./rollup";
import { addBuild, createPipeline, simulatedClock, tickUntil } from "../engine/testing";
import { histogramOf } from "./histogram";
import { prometheusBuckets, scrapeMetrics } from "./prometheus";

afterAll(disconnect);

const line = (text: string, prefix: string) => text.split("\n").find((l) => l.startsWith(prefix));

describe("Prometheus metrics", () => {
  it("turns a rollup histogram into cumulative buckets in seconds, with sum and count", () => {
    const samples = prometheusBuckets("d", { pipeline: "web" }, histogramOf([20_000, 90_000, 90_000, 7_200_000]));
    const value = (le: number | string) => samples.find((s) => s.labels.le === le)?.value;
    expect([value(30), value(60), value(120), value(3600), value("+Inf")]).toEqual([1, 1, 3, 3, 4]);
    expect(samples.find((s) => s.metricName === "d_count")?.value).toBe(4);
    expect(samples.find((s) => s.metricName === "d_sum")?.value).toBeCloseTo(7_400, -2);
  });

  it("exports deploys, durations, active releases, lock state, hosts by state and heartbeats from the database", async () => {
    const pipeline = await createPipeline("prom-web", { hosts: 4, restartSeconds: 5, batchPercent: 50 });
    const clock = simulatedClock();
    await addBuild(pipeline.id, 1);
    await tickUntil(clock, pipeline.id, async () => (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId !== null);
    // What the rollup job does once release #1 finished (the queue path itself is lib/notifications/deliver.test.ts's).
    const first = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, state: "succeeded" } });
    await db.$transaction((tx) => refreshDailyStats(tx, pipeline.id, first.finishedAt!));
    await addBuild(pipeline.id, 2);
    await tickUntil(clock, pipeline.id, async () => (await db.release.count({ where: { pipelineId: pipeline.id, state: "running" } })) === 1);
    await db.host.updateMany({ where: { pipelineId: pipeline.id }, data: { lastSeenAt: new Date(Date.now() - 30_000) } });
    await db.host.updateMany({ where: { pipelineId: pipeline.id, name: { in: ["web-001", "web-002"] } }, data: { lastSeenAt: new Date() } });
    await lockPipeline("prom-web", "ada", "incident");

    const { body, contentType } = await scrapeMetrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain("# TYPE shipboard_deploys_total counter");
    expect(line(body, 'shipboard_deploys_total{pipeline="prom-web"}')).toBe('shipboard_deploys_total{pipeline="prom-web"} 1');
    expect(line(body, 'shipboard_rollbacks_total{pipeline="prom-web"}')).toBe('shipboard_rollbacks_total{pipeline="prom-web"} 0');
    expect(body).toContain("# TYPE shipboard_release_duration_seconds histogram");
    expect(line(body, 'shipboard_release_duration_seconds_count{pipeline="prom-web",kind="deploy"}')).toMatch(/ 1$/);
    expect(line(body, 'shipboard_release_duration_seconds_bucket{pipeline="prom-web",kind="deploy",le="+Inf"}')).toMatch(/ 1$/);
    expect(line(body, 'shipboard_active_releases{pipeline="prom-web",kind="deploy",state="running"}')).toMatch(/ 1$/);
    expect(line(body, 'shipboard_pipeline_locked{pipeline="prom-web",kind="manual"}')).toMatch(/ 1$/);
    const hosts = body.split("\n").filter((l) => l.startsWith('shipboard_hosts{pipeline="prom-web"'));
    expect(hosts.reduce((sum, l) => sum + Number(l.split(" ")[1]), 0)).toBe(4);
    expect(hosts.some((l) => l.includes('state="healthy"'))).toBe(true);
    expect(line(body, 'shipboard_heartbeats_per_second{pipeline="prom-web"}')).toBe('shipboard_heartbeats_per_second{pipeline="prom-web"} 0.4');
  });
});
