import { db } from "../db";
import type { BuildState, ReleaseKind, ReleaseState } from "../generated/prisma/client";
import type { Metric } from "./columns";

/**
 * A small known data set for the metrics tests: two pipelines (a, b) over
 * three UTC days of `year`-03, with every expected duration sample written
 * out by hand (in minutes) from the timestamps below.
 */
export type FixtureSamples = Partial<Record<Metric, number[]>> & { deploys: number; failed: number; rollbacks: number };

const MINUTE = 60_000;

/** Postgres' percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lower = sorted[Math.floor(rank)]!;
  return lower + (rank - Math.floor(rank)) * (sorted[Math.ceil(rank)]! - lower);
}

export async function createMetricsFixture(slugPrefix: string, year: number) {
  const at = (day: number, time: string) => new Date(`${year}-03-0${day}T${time}Z`);
  const pipelines = {
    a: await db.pipeline.create({ data: { slug: `${slugPrefix}-a`, name: "A", repository: `acme/${slugPrefix}-a`, target: { kind: "simulated" } } }),
    b: await db.pipeline.create({ data: { slug: `${slugPrefix}-b`, name: "B", repository: `acme/${slugPrefix}-b`, target: { kind: "simulated" } } }),
  };
  let sequence = 0;
  const build = (pipelineId: number, sha: string, created: Date, started: Date, finished: Date, committed?: Date, state: BuildState = "passed") =>
    db.build.create({
      data: {
        pipelineId, provider: "generic", externalId: `${sha}-${++sequence}`, commitSha: sha, branch: "main", state,
        createdAt: created, startedAt: started, finishedAt: finished, committedAt: committed,
      },
    });
  const release = (pipelineId: number, buildId: number, kind: ReleaseKind, state: ReleaseState, started: Date, finished: Date, replacedReleaseId?: number) =>
    db.release.create({
      data: {
        pipelineId, number: ++sequence, buildId, kind, trigger: "auto", state, createdAt: started, startedAt: started, finishedAt: finished,
        replacedReleaseId,
      },
    });
  const { a, b } = pipelines;

  // Pipeline a, day 1: R1 carries a1..a3; R2 fails; R3 (promote) carries a4, a5.
  await build(a.id, "a1", at(1, "09:00:00"), at(1, "09:00:00"), at(1, "09:10:00"), at(1, "08:30:00"));
  await build(a.id, "a2", at(1, "09:20:00"), at(1, "09:20:30"), at(1, "09:27:30"));
  const a3 = await build(a.id, "a3", at(1, "09:40:00"), at(1, "09:41:00"), at(1, "09:53:00"), at(1, "09:35:00"));
  await release(a.id, a3.id, "deploy", "succeeded", at(1, "10:00:00"), at(1, "10:08:00"));
  await build(a.id, "a4", at(1, "11:00:00"), at(1, "11:00:00"), at(1, "11:05:00"), at(1, "10:50:00"), "failed");
  const a5 = await build(a.id, "a5", at(1, "12:00:00"), at(1, "12:00:00"), at(1, "12:09:00"), at(1, "11:55:00"));
  await release(a.id, a5.id, "deploy", "failed", at(1, "12:15:00"), at(1, "12:25:00"));
  await release(a.id, a5.id, "promote", "succeeded", at(1, "13:00:00"), at(1, "13:06:00"));
  // Day 2: a6 (started day 1, finished day 2) goes live with R4, rolled back (R5);
  // R6 is superseded by the rollback R7 (restore counts from R6's start).
  const a6 = await build(a.id, "a6", at(1, "23:50:00"), at(1, "23:50:00"), at(2, "00:05:00"), at(1, "23:45:00"));
  const r4 = await release(a.id, a6.id, "deploy", "succeeded", at(2, "00:10:00"), at(2, "00:20:00"));
  await release(a.id, a5.id, "rollback", "succeeded", at(2, "00:30:00"), at(2, "00:32:00"), r4.id);
  const a7 = await build(a.id, "a7", at(2, "01:00:00"), at(2, "01:00:00"), at(2, "01:11:00"), at(2, "00:58:00"));
  const r6 = await release(a.id, a7.id, "deploy", "superseded", at(2, "01:20:00"), at(2, "01:25:00"));
  await release(a.id, a5.id, "rollback", "succeeded", at(2, "01:25:00"), at(2, "01:28:00"), r6.id);

  // Pipeline b, day 1: one build, one deploy.
  const b1 = await build(b.id, "b1", at(1, "08:00:00"), at(1, "08:00:00"), at(1, "08:20:00"));
  await release(b.id, b1.id, "deploy", "succeeded", at(1, "08:30:00"), at(1, "08:34:00"));
  // Day 3: commit b2 fails CI, its retry passes and goes live (one lead-time sample);
  // a failed rollback counts as a rollback but gives no duration; a canceled deploy counts nowhere.
  await build(b.id, "b2", at(3, "10:00:00"), at(3, "10:00:00"), at(3, "10:03:00"), at(3, "09:00:00"), "failed");
  const b2retry = await build(b.id, "b2", at(3, "10:04:00"), at(3, "10:04:00"), at(3, "10:09:00"), at(3, "09:00:00"));
  const r2 = await release(b.id, b2retry.id, "deploy", "succeeded", at(3, "10:10:00"), at(3, "10:15:00"));
  await release(b.id, b1.id, "rollback", "failed", at(3, "10:20:00"), at(3, "10:21:00"), r2.id);
  await release(b.id, b2retry.id, "deploy", "canceled", at(3, "10:30:00"), at(3, "10:30:00"));

  const minutes = (values: number[]) => values.map((value) => value * MINUTE);
  const expected: Record<"a" | "b", Record<1 | 2 | 3, FixtureSamples>> = {
    a: {
      1: {
        deploys: 2, failed: 1, rollbacks: 0,
        build: minutes([10, 7, 12, 5, 9]), deploy: minutes([8, 6]), leadTime: minutes([98, 48, 33, 136, 71]),
      },
      2: {
        deploys: 1, failed: 0, rollbacks: 2,
        build: minutes([15, 11]), deploy: minutes([10]), leadTime: minutes([35]), rollback: minutes([2, 3]), restore: minutes([12, 8]),
      },
      3: { deploys: 0, failed: 0, rollbacks: 0 },
    },
    b: {
      1: { deploys: 1, failed: 0, rollbacks: 0, build: minutes([20]), deploy: minutes([4]), leadTime: minutes([34]) },
      2: { deploys: 0, failed: 0, rollbacks: 0 },
      3: { deploys: 1, failed: 0, rollbacks: 1, build: minutes([3, 5]), deploy: minutes([5]), leadTime: minutes([75]) },
    },
  };
  return { pipelines, expected, day: (day: 1 | 2 | 3) => `${year}-03-0${day}`, at, build, release };
}

/** Removes the fixture's pipelines and, by cascade, their builds, releases and rollup rows. */
export async function dropMetricsFixture(slugPrefix: string): Promise<void> {
  const pipelines = await db.pipeline.findMany({ where: { slug: { startsWith: `${slugPrefix}-` } } });
  const ids = pipelines.map((pipeline) => pipeline.id);
  await db.release.deleteMany({ where: { pipelineId: { in: ids } } });
  await db.pipeline.deleteMany({ where: { id: { in: ids } } });
}
