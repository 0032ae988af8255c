import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/**
 * Rollback from metrics end to end: a fake Prometheus on 127.0.0.1 answers
 * chosen values to the real worker's metric-check jobs; a breach during a real
 * batch fails the release, a rollback follows at once, and the release page
 * plots the samples against the threshold.
 */
// Kept with the other run artifacts: a run never rewrites the tracked copy in docs/screenshots/.
const SCREENSHOT = "e2e/artifacts/metric-check-failed.png";

/** Values the fake Prometheus answers, one per query, in turn (the last one repeats). */
let series = [0.01];
let answered = 0;
const authorized: boolean[] = [];
const prometheus = http.createServer((request, response) => {
  authorized.push(request.headers.authorization === `Basic ${Buffer.from("ops:s3cret").toString("base64")}`);
  const value = series[Math.min(answered++, series.length - 1)];
  const body = { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [Date.now() / 1000, String(value)] }] } };
  response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
});

test.beforeAll(async () => {
  await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
});
test.afterAll(() => {
  prometheus.closeAllConnections();
  prometheus.close();
});

test("a metric check's breaches during a batch fail the release, a rollback follows at once, and the release page plots why", async ({ page, request }) => {
  const slug = uniqueSlug("metric");
  const url = `http://ops:s3cret@127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
  await createPipeline(request, slug, {
    autoRollback: true,
    batchPercent: 50,
    target: {
      kind: "simulated", hosts: 4, restartSeconds: 1, checks: [], stepTimeoutSeconds: 30,
      metricChecks: [{
        name: "Error rate", url, query: 'sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))',
        comparison: ">", threshold: 0.05, intervalSeconds: 1, failuresAllowed: 2, bakeSeconds: 2,
      }],
    },
  });

  // Build 1 goes live: each batch bakes 2 s with the error rate well under the threshold.
  await sendBuild(request, slug);
  const good = await eventually(async () => (await getPipeline(request, slug)).currentRelease?.id as number | undefined, 30_000);

  // Build 2 makes the error rate climb: past 2 breaches allowed, its release fails and rolls back.
  series = [0.02, 0.03, 0.07, 0.12, 0.18, 0.24];
  answered = 0;
  await sendBuild(request, slug);
  const rollback = await eventually(async () => {
    const releases = await (await request.get(`/api/pipelines/${slug}/releases`, { headers: admin })).json();
    return releases.items.find((release: { kind: string }) => release.kind === "rollback");
  }, 30_000);
  expect(rollback).toMatchObject({ trigger: "auto", by: "shipboard" });
  const failed = await (await request.get(`/api/releases/${rollback.replacedReleaseId}`, { headers: admin })).json();
  expect(failed.state).toBe("failed");
  const [check] = failed.metricChecks;
  expect(check).toMatchObject({ name: "Error rate", comparison: ">", threshold: 0.05, failed: true });
  // It failed on the third breach (a sample already under way may still land before the tick that failed it).
  expect(check.breaches).toBeGreaterThanOrEqual(3);
  expect(check.samples.slice(0, 5).map((sample: { value: number; outcome: string }) => [sample.value, sample.outcome])).toEqual([
    [0.02, "ok"], [0.03, "ok"], [0.07, "breach"], [0.12, "breach"], [0.18, "breach"],
  ]);
  expect((await (await request.get(`/api/releases/${good}`, { headers: admin })).json()).metricChecks[0]).toMatchObject({ failed: false, breaches: 0 });
  // The check's URL carried basic-auth credentials to Prometheus, and no answer below admin shows them.
  expect(authorized.every(Boolean)).toBe(true);

  await signIn(page, "viewer");
  expect(await (await page.request.get(`/api/pipelines/${slug}`)).text()).not.toContain("s3cret");
  await page.goto(`/releases/${failed.id}`);
  const figure = page.getByRole("figure", { name: "Metric check Error rate" });
  await expect(figure.getByTestId("metric-check-summary")).toContainText(`${check.breaches} breaches of > 0.05`);
  await expect(figure.getByTestId("metric-check-summary")).toContainText("It failed the release.");
  await expect(figure.locator('circle[data-outcome="breach"]')).toHaveCount(check.breaches);
  await expect(figure.locator('circle[data-outcome="ok"]')).toHaveCount(2);
  await expect(figure.getByText("threshold > 0.05")).toBeVisible();
  await expect(page.getByText(/metric check "Error rate" failed: 0\.\d+ > 0\.05, \d failures with 2 allowed/).first()).toBeVisible();
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});
