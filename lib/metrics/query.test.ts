import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { AppError } from "../errors";
import { histKey, METRICS, p75Key, type Metric } from "./columns";
import { GROWTH, mergeHistograms, percentileOf, type Histogram } from "./histogram";
import { getMetrics } from "./query";
import { rebuildDailyStats } from "./rollup";
import { createMetricsFixture, dropMetricsFixture, percentileCont, type FixtureSamples } from "./test-fixture";

const PREFIX = "metrics-query";
const YEAR = 2032;
let fixture: Awaited<ReturnType<typeof createMetricsFixture>>;

beforeAll(async () => {
  await dropMetricsFixture(PREFIX);
  fixture = await createMetricsFixture(PREFIX, YEAR);
  await rebuildDailyStats(new Date(fixture.day(1)), new Date(fixture.day(3)));
});

afterAll(async () => {
  await dropMetricsFixture(PREFIX);
  await disconnect();
});

const DAYS = [1, 2, 3] as const;
const HISTOGRAM_ERROR = (GROWTH - 1) / 2;
const samplesOf = (sets: FixtureSamples[], metric: Metric) => sets.flatMap((set) => set[metric] ?? []);
const count = (sets: FixtureSamples[], key: "deploys" | "failed" | "rollbacks") => sets.reduce((sum, set) => sum + set[key], 0);
const a = () => DAYS.map((day) => fixture.expected.a[day]);

/** Expects each P75 within the histogram's error of percentile_cont over `sets`' samples (null without samples). */
function expectP75sNear(actual: Record<string, unknown>, sets: FixtureSamples[]) {
  for (const metric of METRICS) {
    const exact = percentileCont(samplesOf(sets, metric), 0.75);
    if (exact === null) expect(actual[p75Key(metric)]).toBeNull();
    else expect(Math.abs((actual[p75Key(metric)] as number) - exact)).toBeLessThanOrEqual(exact * HISTOGRAM_ERROR + 1);
  }
}

async function expectBadRequest(params: Parameters<typeof getMetrics>[0], field: string) {
  const error = await getMetrics(params).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "bad_request", field });
}

describe("getMetrics", () => {
  it("answers one pipeline's days with exact counts and percentile_cont P75s, and null P75s on a day without data", async () => {
    const metrics = await getMetrics({ pipeline: `${PREFIX}-a`, from: fixture.day(1), to: fixture.day(3) });
    expect(metrics.days.map((day) => day.day)).toEqual(DAYS.map(fixture.day));
    metrics.days.forEach((day, index) => {
      const expected = fixture.expected.a[DAYS[index]!];
      expect(day).toMatchObject({ deploys: expected.deploys, failed: expected.failed, rollbacks: expected.rollbacks });
      for (const metric of METRICS) {
        const exact = percentileCont(expected[metric] ?? [], 0.75);
        expect(day[p75Key(metric)]).toBe(exact === null ? null : Math.round(exact));
      }
    });
    expect(metrics.days[2]).toEqual({
      day: fixture.day(3), deploys: 0, failed: 0, rollbacks: 0,
      p75BuildMs: null, p75DeployMs: null, p75LeadTimeMs: null, p75RollbackMs: null, p75RestoreMs: null,
    });
  });

  it("totals the range with exact counts and P75s within the histogram's 1% of percentile_cont over all its samples", async () => {
    const { totals } = await getMetrics({ pipeline: `${PREFIX}-a`, from: fixture.day(1), to: fixture.day(3) });
    expect(totals).toMatchObject({ deploys: count(a(), "deploys"), failed: count(a(), "failed"), rollbacks: count(a(), "rollbacks") });
    expectP75sNear(totals, a());
  });

  it("computes DORA: deploys per day of the range, change failure rate, lead time and time to restore P75s", async () => {
    const { dora } = await getMetrics({ pipeline: `${PREFIX}-a`, from: fixture.day(1), to: fixture.day(3) });
    expect(dora.deploysPerDay).toBe(3 / 3);
    // (1 failed + 2 rollbacks) / (3 deploys + 1 failed)
    expect(dora.changeFailureRate).toBe(0.75);
    const lead = percentileCont(samplesOf(a(), "leadTime"), 0.75)!;
    const restore = percentileCont(samplesOf(a(), "restore"), 0.75)!;
    expect(Math.abs(dora.leadTimeP75Ms! - lead)).toBeLessThanOrEqual(lead * HISTOGRAM_ERROR + 1);
    expect(Math.abs(dora.timeToRestoreP75Ms! - restore)).toBeLessThanOrEqual(restore * HISTOGRAM_ERROR + 1);
  });

  it("has no change failure rate and no P75s for a range without releases", async () => {
    const metrics = await getMetrics({ pipeline: `${PREFIX}-a`, from: `${YEAR}-04-01`, to: `${YEAR}-04-02` });
    expect(metrics.dora).toEqual({ deploysPerDay: 0, leadTimeP75Ms: null, changeFailureRate: null, timeToRestoreP75Ms: null });
    expect(metrics.totals).toMatchObject({ deploys: 0, p75DeployMs: null });
  });

  it("merges all pipelines per day and over the range from their histograms, never averaging daily P75s", async () => {
    const metrics = await getMetrics({ from: fixture.day(1), to: fixture.day(3) });
    const both = (day: 1 | 2 | 3) => [fixture.expected.a[day], fixture.expected.b[day]];
    metrics.days.forEach((day, index) => {
      const sets = both(DAYS[index]!);
      expect(day).toMatchObject({ deploys: count(sets, "deploys"), failed: count(sets, "failed"), rollbacks: count(sets, "rollbacks") });
      expectP75sNear(day, sets);
    });
    expectP75sNear(metrics.totals, DAYS.flatMap(both));
    expect(metrics.pipeline).toBeNull();
  });

  it("answers all pipelines as merging the per-pipeline DailyStat rows gives, per day and over the range", async () => {
    const [from, to] = [fixture.day(1), fixture.day(3)];
    const rows = await db.dailyStat.findMany({ where: { day: { gte: new Date(from), lte: new Date(to) } } });
    // Whatever pipelines have data these days: counts add up, P75s come from the merged histograms (exact with one row).
    const merge = (merged: typeof rows) => {
      const summary: Record<string, unknown> = Object.fromEntries(
        (["deploys", "failed", "rollbacks"] as const).map((key) => [key, merged.reduce((sum, row) => sum + row[key], 0)]),
      );
      for (const metric of METRICS) {
        const p75 = merged.length === 1
          ? merged[0]![p75Key(metric)]
          : percentileOf(mergeHistograms(merged.map((row) => row[histKey(metric)] as Histogram)), 0.75);
        summary[p75Key(metric)] = p75 === null ? null : Math.round(p75);
      }
      return summary;
    };
    const metrics = await getMetrics({ from, to });
    expect(metrics.days).toEqual(
      DAYS.map((day) => ({ day: fixture.day(day), ...merge(rows.filter((row) => row.day.toISOString().startsWith(fixture.day(day)))) })),
    );
    expect(metrics.totals).toEqual(merge(rows));
  });

  it("reads all pipelines from the DailyStatAll row of each day", async () => {
    await db.dailyStatAll.update({ where: { day: new Date(fixture.day(2)) }, data: { deploys: 42 } });
    expect((await getMetrics({ from: fixture.day(2), to: fixture.day(2) })).totals.deploys).toBe(42);
    await rebuildDailyStats(new Date(fixture.day(2)), new Date(fixture.day(2)));
    expect((await getMetrics({ from: fixture.day(2), to: fixture.day(2) })).totals.deploys).toBe(fixture.expected.a[2].deploys);
  });

  it("defaults to the 30 UTC days ending today (2032 is a leap year)", async () => {
    const metrics = await getMetrics({ pipeline: `${PREFIX}-b`, now: new Date(`${fixture.day(3)}T23:59:59Z`) });
    expect([metrics.from, metrics.to, metrics.days.length]).toEqual([`${YEAR}-02-03`, fixture.day(3), 30]);
    expect(metrics.days.at(-1)).toMatchObject({ day: fixture.day(3), deploys: 1, rollbacks: 1 });
    expect((await getMetrics({ to: fixture.day(3) })).from).toBe(`${YEAR}-02-03`);
  });

  it("refuses malformed days, from after to and ranges over 731 days with a 400 naming the field", async () => {
    await expectBadRequest({ from: "2032-3-1" }, "from");
    await expectBadRequest({ to: "2032-02-30" }, "to");
    await expectBadRequest({ from: "", to: fixture.day(1) }, "from");
    await expectBadRequest({ from: fixture.day(2), to: fixture.day(1) }, "from");
    await expectBadRequest({ from: "2030-03-01", to: "2032-03-01" }, "from");
    expect((await getMetrics({ from: "2030-03-02", to: "2032-03-01" })).days).toHaveLength(731);
  });

  it("answers 404 for an unknown pipeline", async () => {
    await expect(getMetrics({ pipeline: "metrics-no-such-pipeline" })).rejects.toMatchObject({ code: "not_found" });
  });
});
