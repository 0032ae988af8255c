import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { histKey, METRICS, p75Key } from "./columns";
import { histogramOf } from "./histogram";
import { rebuildDailyStats, refreshDailyStats } from "./rollup";
import { createMetricsFixture, dropMetricsFixture, percentileCont, type FixtureSamples } from "./test-fixture";

const PREFIX = "metrics-rollup";
let fixture: Awaited<ReturnType<typeof createMetricsFixture>>;

beforeAll(async () => {
  await dropMetricsFixture(PREFIX);
  fixture = await createMetricsFixture(PREFIX, 2031);
});

afterAll(async () => {
  await dropMetricsFixture(PREFIX);
  await disconnect();
});

const DAYS = [1, 2, 3] as const;

async function storedRows() {
  const ids = Object.values(fixture.pipelines).map((pipeline) => pipeline.id);
  const rows = await db.dailyStat.findMany({ where: { pipelineId: { in: ids } }, orderBy: [{ pipelineId: "asc" }, { day: "asc" }] });
  return rows.map(({ pipelineId, day, ...stats }) => ({ pipelineId, day: day.toISOString().slice(0, 10), ...stats }));
}

/** The row the rollup must store for samples, computed here in JS; null when the day has no data. */
function expectedRow(pipelineId: number, day: string, samples: FixtureSamples) {
  const { deploys, failed, rollbacks } = samples;
  if (deploys + failed + rollbacks === 0 && METRICS.every((metric) => !samples[metric])) return null;
  const row: Record<string, unknown> = { pipelineId, day, deploys, failed, rollbacks };
  for (const metric of METRICS) {
    const values = samples[metric] ?? [];
    row[p75Key(metric)] = values.length ? Math.round(percentileCont(values, 0.75)!) : null;
    row[histKey(metric)] = histogramOf(values);
  }
  return row;
}

const expectedRows = () =>
  (["a", "b"] as const).flatMap((name) =>
    DAYS.map((day) => expectedRow(fixture.pipelines[name].id, fixture.day(day), fixture.expected[name][day])).filter((row) => row !== null),
  );

describe("daily rollup", () => {
  it("stores per pipeline and UTC day the counts, the exact percentile_cont P75s and the histograms of the day's samples", async () => {
    await rebuildDailyStats(new Date(fixture.day(1)), new Date(fixture.day(3)));
    expect(await storedRows()).toEqual(expectedRows());
  });

  it("gives the same rows refreshing one pipeline and day at a time as the set-based rebuild", async () => {
    const rebuilt = await storedRows();
    await db.dailyStat.deleteMany({ where: { pipelineId: { in: rebuilt.map((row) => row.pipelineId) } } });
    for (const pipeline of Object.values(fixture.pipelines)) {
      for (const day of DAYS) await refreshDailyStats(db, pipeline.id, new Date(fixture.day(day)));
    }
    expect(await storedRows()).toEqual(rebuilt);
  });

  it("counts a release finishing later once refreshed in its transaction, with the superseded build it skipped in its lead times", async () => {
    const { pipelines, at } = fixture;
    await db.$transaction(async (tx) => {
      const a8 = await tx.build.create({
        data: {
          pipelineId: pipelines.a.id, provider: "generic", externalId: "a8", commitSha: "a8", branch: "main", state: "passed",
          createdAt: at(3, "08:00:00"), startedAt: at(3, "08:00:00"), finishedAt: at(3, "08:06:00"), committedAt: at(3, "07:50:00"),
        },
      });
      await tx.release.create({
        data: {
          pipelineId: pipelines.a.id, number: 100, buildId: a8.id, kind: "deploy", trigger: "auto", state: "succeeded",
          startedAt: at(3, "09:00:00"), finishedAt: at(3, "09:07:00"),
        },
      });
      await refreshDailyStats(tx, pipelines.a.id, at(3, "09:07:00"));
    });
    const minutes = (values: number[]) => values.map((value) => value * 60_000);
    // a7 (committed day 2 00:58) never went live: its release was superseded; a8 carries it.
    const day3 = { deploys: 1, failed: 0, rollbacks: 0, build: minutes([6]), deploy: minutes([7]), leadTime: minutes([32 * 60 + 9, 77]) };
    expect((await storedRows()).find((row) => row.pipelineId === pipelines.a.id && row.day === fixture.day(3)))
      .toEqual(expectedRow(pipelines.a.id, fixture.day(3), day3));
  });

  it("deletes the row of a day whose data is gone", async () => {
    const { pipelines, at } = fixture;
    await db.release.deleteMany({ where: { pipelineId: pipelines.b.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await db.build.deleteMany({ where: { pipelineId: pipelines.b.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await refreshDailyStats(db, pipelines.b.id, at(3, "12:00:00"));
    expect((await storedRows()).filter((row) => row.pipelineId === pipelines.b.id).map((row) => row.day)).toEqual([fixture.day(1)]);
  });
});
