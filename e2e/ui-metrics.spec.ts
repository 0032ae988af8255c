import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { hasLonePoints } from "../components/metrics/axis";
import { lastDays, quarter } from "../components/metrics/range";
import { signIn } from "./auth";

/** Issue 16, item 5: the metrics page's trends, charts, ranges, comparison and CSV export, on the seeded demo history. */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/ui16-${name}.png`, fullPage: true });

// Charts load as they scroll into view; the machine is shared.
test.setTimeout(120_000);

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
  await page.setViewportSize(DESKTOP);
});

test("a trend against a nearly empty previous period says 'not enough data', never a huge percentage", async ({ page }) => {
  // The demo history is a few months long: the year before a one-year range holds (almost) nothing.
  await page.goto("/metrics?range=365");
  const trends = page.getByTestId("dora-trend");
  await expect(trends).toHaveCount(4);
  for (const text of await trends.allInnerTexts()) {
    expect(text).toMatch(/not enough data to compare|no data to compare/);
    expect(text).not.toMatch(/%/);
  }
  await shot(page, "5-not-enough-data-desktop");
});

test("sparse P75 series draw dots, and duration axis labels never wrap", async ({ page }) => {
  // A pipeline whose rollback P75 has a day with data between days without (rollbacks are rare in the demo history).
  const { from, to } = lastDays(90);
  let sparse: string | undefined;
  for (const slug of ["jobs", "api", "web", "frontend"]) {
    const days = (await (await page.request.get(`/api/metrics?pipeline=${slug}&from=${from}&to=${to}`)).json()).days as { p75RollbackMs: number | null }[];
    if (hasLonePoints(days.map((d) => d.p75RollbackMs))) sparse ??= slug;
  }
  expect(sparse, "a demo pipeline with a lone rollback day").toBeDefined();
  await page.goto(`/metrics?range=90&pipeline=${sparse}`);
  const rollback = page.getByTestId("duration-chart-p75RollbackMs");
  await rollback.scrollIntoViewIfNeeded();
  await expect(rollback.locator(".recharts-line-dot").first()).toBeVisible();
  for (const chart of await page.locator('[data-testid^="duration-chart-"]').all()) {
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator(".recharts-yAxis")).toBeVisible();
    // Recharts breaks a label that does not fit into several lines (tspans): each tick must be one line.
    const lines = await chart.locator(".recharts-yAxis-tick-labels text").evaluateAll((texts) => texts.map((t) => t.querySelectorAll("tspan").length));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((n) => n <= 1), `tspans per tick: ${lines.join(",")}`).toBe(true);
  }
  await shot(page, "5-sparse-dots-desktop");
});

test("calendar quarters and a custom range are offered and shown as their UTC days", async ({ page }) => {
  await page.goto("/metrics");
  await page.getByRole("link", { name: "This quarter" }).click();
  await expect(page).toHaveURL(/range=quarter/);
  const now = quarter(0);
  await expect(page.getByTestId("totals")).toContainText(`${now.from} to ${now.to}`);
  await page.getByRole("link", { name: "Last quarter" }).click();
  const last = quarter(1);
  await expect(page.getByTestId("totals")).toContainText(`${last.from} to ${last.to}`);
  await expect(page.getByRole("link", { name: "Last quarter" })).toHaveAttribute("aria-current", "page");

  const custom = { from: lastDays(20).from, to: lastDays(6).from };
  await page.getByLabel("From", { exact: true }).fill(custom.from);
  await page.getByLabel("To", { exact: true }).fill(custom.to);
  await page.getByRole("button", { name: "Show range" }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom.*from=${custom.from}.*to=${custom.to}`));
  await expect(page.getByTestId("totals")).toContainText(`${custom.from} to ${custom.to}`);
  await shot(page, "5-custom-range-desktop");
});

test("two pipelines side by side on a wide screen, one above the other on a phone", async ({ page }) => {
  await page.goto("/metrics?range=30&pipeline=api");
  await page.getByLabel("Compare with").selectOption("web");
  await expect(page).toHaveURL(/pipeline=api.*compare=web/);
  const boards = page.getByTestId("metrics-board");
  await expect(boards).toHaveCount(2);
  const [left, right] = [await boards.nth(0).boundingBox(), await boards.nth(1).boundingBox()];
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
  await expect(boards.nth(0).getByRole("heading", { level: 2, name: "api" })).toBeVisible();
  await expect(boards.nth(1).getByRole("heading", { level: 2, name: "web" })).toBeVisible();
  await shot(page, "5-compare-desktop");
  await page.setViewportSize(PHONE);
  const [top, below] = [await boards.nth(0).boundingBox(), await boards.nth(1).boundingBox()];
  expect(below!.y).toBeGreaterThan(top!.y + top!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await shot(page, "5-compare-phone");
});

test("the per-day numbers download as CSV, the same as GET /api/metrics", async ({ page }) => {
  await page.goto("/metrics?range=7&pipeline=web");
  const { from, to } = lastDays(7);
  const api = await (await page.request.get(`/api/metrics?pipeline=web&from=${from}&to=${to}`)).json();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe(`shipboard-web-${from}-${to}.csv`);
  const lines = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("day,deploys,failed,rollbacks,p75BuildMs,p75DeployMs,p75LeadTimeMs,p75RollbackMs,p75RestoreMs");
  expect(lines).toHaveLength(8);
  const last = api.days.at(-1);
  expect(lines.at(-1)!.split(",").slice(0, 4)).toEqual([last.day, String(last.deploys), String(last.failed), String(last.rollbacks)]);
});
