import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { histKey, METRICS, p75Key } from "./columns";
import { histogramOf, percentileOf } from "./histogram";
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
const minutes = (values: number[]) => values.map((value) => value * 60_000);
/** A day after the fixture's, without data. */
const day4 = () => `${fixture.day(3).slice(0, 8)}04`;
// Pipeline a's day 3 once the test below adds release 100 (a8).
const aDay3 = { deploys: 1, failed: 0, rollbacks: 0, build: minutes([6]), deploy: minutes([7]), leadTime: minutes([32 * 60 + 9, 77]) };

async function storedRows() {
  const ids = Object.values(fixture.pipelines).map((pipeline) => pipeline.id);
  const rows = await db.dailyStat.findMany({ where: { pipelineId: { in: ids } }, orderBy: [{ pipelineId: "asc" }, { day: "asc" }] });
  return rows.map(({ pipelineId, day, ...stats }) => ({ pipelineId, day: day.toISOString().slice(0, 10), ...stats }));
}

const hasData = (samples: FixtureSamples) =>
  samples.deploys + samples.failed + samples.rollbacks > 0 || METRICS.some((metric) => samples[metric]);

/** The row the rollup must store for samples, computed here in JS; null when the day has no data. */
function expectedRow(pipelineId: number, day: string, samples: FixtureSamples) {
  const { deploys, failed, rollbacks } = samples;
  if (!hasData(samples)) return null;
  const row: Record<string, unknown> = { pipelineId, day, deploys, failed, rollbacks };
  for (const metric of METRICS) {
    const values = samples[metric] ?? [];
    row[p75Key(metric)] = values.length ? Math.round(percentileCont(values, 0.75)!) : null;
    row[histKey(metric)] = histogramOf(values);
  }
  return row;
}

/** The fixture's DailyStatAll rows, days 1..4 (day 4 never has data). */
async function storedAllRows() {
  const rows = await db.dailyStatAll.findMany({
    where: { day: { gte: new Date(fixture.day(1)), lte: new Date(day4()) } },
    orderBy: { day: "asc" },
  });
  return rows.map(({ day, ...stats }) => ({ day: day.toISOString().slice(0, 10), ...stats }));
}

/**
 * The DailyStatAll row of a day whose pipelines have these samples: counts summed, the histogram of
 * all samples, and P75s read from it (the exact percentile_cont one when a single pipeline has data).
 */
function expectedAllRow(day: string, sets: FixtureSamples[]) {
  const withData = sets.filter(hasData);
  if (withData.length === 0) return null;
  const row: Record<string, unknown> = { day };
  for (const key of ["deploys", "failed", "rollbacks"] as const) row[key] = withData.reduce((sum, samples) => sum + samples[key], 0);
  for (const metric of METRICS) {
    const values = withData.flatMap((samples) => samples[metric] ?? []);
    const p75 = withData.length === 1 ? percentileCont(values, 0.75) : percentileOf(histogramOf(values), 0.75);
    row[p75Key(metric)] = p75 === null ? null : Math.round(p75);
    row[histKey(metric)] = histogramOf(values);
  }
  return row;
}

const expectedAllRows = () =>
  DAYS.map((day) => expectedAllRow(fixture.day(day), [fixture.expected.a[day], fixture.expected.b[day]])).filter((row) => row !== null);

const expectedRows = () =>
  (["a", "b"] as const).flatMap((name) =>
    DAYS.map((day) => expectedRow(fixture.pipelines[name].id, fixture.day(day), fixture.expected[name][day])).filter((row) => row !== null),
  );

describe("daily rollup", () => {
  it("stores per pipeline and UTC day the counts, the exact percentile_cont P75s and the histograms of the day's samples", async () => {
    await rebuildDailyStats(new Date(fixture.day(1)), new Date(fixture.day(3)));
    expect(await storedRows()).toEqual(expectedRows());
  });

  it("rebuilds per UTC day the all-pipelines row: counts summed, histograms merged, P75s from the merged histograms", async () => {
    await db.dailyStatAll.create({ data: { day: new Date(day4()), deploys: 7 } });
    await rebuildDailyStats(new Date(fixture.day(1)), new Date(day4()));
    // Day 1 merges both pipelines; days 2 and 3 have one pipeline each (its exact P75s); the stale day 4 row is gone.
    expect(await storedAllRows()).toEqual(expectedAllRows());
  });

  it("gives the same rows refreshing one pipeline and day at a time as the set-based rebuild", async () => {
    const [rebuilt, rebuiltAll] = [await storedRows(), await storedAllRows()];
    await db.dailyStat.deleteMany({ where: { pipelineId: { in: rebuilt.map((row) => row.pipelineId) } } });
    await db.dailyStatAll.deleteMany({ where: { day: { in: rebuiltAll.map((row) => new Date(row.day)) } } });
    for (const pipeline of Object.values(fixture.pipelines)) {
      for (const day of DAYS) await refreshDailyStats(db, pipeline.id, new Date(fixture.day(day)));
    }
    expect(await storedRows()).toEqual(rebuilt);
    expect(await storedAllRows()).toEqual(rebuiltAll);
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
    // a7 (committed day 2 00:58) never went live: its release was superseded; a8 carries it.
    expect((await storedRows()).find((row) => row.pipelineId === pipelines.a.id && row.day === fixture.day(3)))
      .toEqual(expectedRow(pipelines.a.id, fixture.day(3), aDay3));
    // Day 3 of all pipelines now merges a's new row with b's.
    expect((await storedAllRows()).find((row) => row.day === fixture.day(3)))
      .toEqual(expectedAllRow(fixture.day(3), [aDay3, fixture.expected.b[3]]));
  });

  it("deletes the rows of a day whose data is gone, the all-pipelines one once no pipeline has any", async () => {
    const { pipelines, at } = fixture;
    await db.release.deleteMany({ where: { pipelineId: pipelines.b.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await db.build.deleteMany({ where: { pipelineId: pipelines.b.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await refreshDailyStats(db, pipelines.b.id, at(3, "12:00:00"));
    expect((await storedRows()).filter((row) => row.pipelineId === pipelines.b.id).map((row) => row.day)).toEqual([fixture.day(1)]);
    expect((await storedAllRows()).find((row) => row.day === fixture.day(3))).toEqual(expectedAllRow(fixture.day(3), [aDay3]));

    await db.release.deleteMany({ where: { pipelineId: pipelines.a.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await db.build.deleteMany({ where: { pipelineId: pipelines.a.id, finishedAt: { gte: at(3, "00:00:00") } } });
    await refreshDailyStats(db, pipelines.a.id, at(3, "12:00:00"));
    expect((await storedAllRows()).map((row) => row.day)).toEqual([fixture.day(1), fixture.day(2)]);
  });

  it("stores a P75 over the Int columns' maximum (lead times over ~24.8 days) as that maximum, merged ones too", async () => {
    const { pipelines, at, build, release } = fixture;
    const committed = new Date(`${fixture.day(1).slice(0, 4)}-01-01T00:00:00Z`);
    for (const pipeline of [pipelines.a, pipelines.b]) {
      const old = await build(pipeline.id, "old", at(5, "08:00:00"), at(5, "08:00:00"), at(5, "08:10:00"), committed);
      await release(pipeline.id, old.id, "deploy", "succeeded", at(5, "09:00:00"), at(5, "09:05:00"));
      await refreshDailyStats(db, pipeline.id, at(5, "12:00:00"));
    }
    const day5 = { day: at(5, "00:00:00") };
    expect((await db.dailyStat.findMany({ where: day5 })).map((row) => row.p75LeadTimeMs)).toEqual([2147483647, 2147483647]);
    expect(await db.dailyStatAll.findUnique({ where: day5 })).toMatchObject({ deploys: 2, p75LeadTimeMs: 2147483647 });
  });
});
