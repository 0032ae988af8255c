import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { lastDays } from "../components/metrics/range";
import { doraKeys, formatDoraValue } from "../components/metrics/trend";
import { admin, getPipeline } from "./api";
import { signIn } from "./auth";

/** Every page of the dashboard: accessible, screenshotted at desktop and phone width, and read-only for viewers. */

const PHONE = { width: 390, height: 844 };

type PageCase = { name: string; path: string; heading: RegExp };

/** The seeded demo pipeline `web` gives a release and a build with history to show. */
async function pages(request: Parameters<typeof getPipeline>[0]): Promise<PageCase[]> {
  const web = await getPipeline(request, "web");
  return [
    { name: "overview", path: "/", heading: /^Pipelines$/ },
    { name: "pipeline", path: "/pipelines/web", heading: /^web$/i },
    { name: "release", path: `/releases/${web.currentRelease.id}`, heading: /^(Deploy|Promote|Rollback) #\d+$/ },
    { name: "build", path: `/builds/${web.currentRelease.build.id}`, heading: /^Build / },
    { name: "metrics", path: "/metrics?range=30", heading: /^Metrics$/ },
    { name: "audit", path: "/audit", heading: /^Audit$/ },
    { name: "admin", path: "/admin", heading: /^Admin$/ },
    { name: "settings", path: "/pipelines/web/settings", heading: /^Settings$/ },
  ];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
}

/** Elements that reach past the viewport's right edge outside any box that scrolls or clips them. */
function sticksOut(page: Page, width: number) {
  return page.evaluate((width) => {
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class")).slice(0, 80)}: ${el.textContent?.slice(0, 40)}`);
  }, width);
}

// One test per page: each gets its own time budget, and a retry repeats only the page that failed.
for (const name of ["overview", "pipeline", "release", "build", "metrics", "audit", "admin", "settings"]) {
  test(`the ${name} page has no serious or critical accessibility violations, at desktop and phone width, light and dark`, async ({ page, request }) => {
    test.setTimeout(90_000);
    const { path, heading } = (await pages(request)).find((p) => p.name === name)!;
    await signIn(page, "admin");
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [size, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", PHONE]] as const) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        if (name === "metrics") await expect(page.getByTestId("bar-deploys").first()).toBeVisible();
        await page.screenshot({ path: `e2e/artifacts/ui-${name}-${size}-${colorScheme}.png`, fullPage: true });
        expect(await seriousViolations(page), `${name} ${size} ${colorScheme}`).toEqual([]);
        // Nothing may scroll the whole page sideways on a phone; wide tables scroll inside their own box.
        if (size === "phone") {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, `${name} fits ${PHONE.width} px; sticking out: ${(await sticksOut(page, PHONE.width)).join(" | ")}`).toBeLessThanOrEqual(PHONE.width);
        }
      }
    }
  });
}

test("a viewer sees the state but no action buttons, and the API refuses a viewer's action (403)", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/pipelines/web");
  await expect(page.getByTestId("host-grid")).toBeVisible();
  await expect(page.getByTestId("viewer-note")).toHaveText("You have viewer access; ask an admin for deployer to lock, promote or roll back.");
  for (const name of [/^Lock$/, /Unlock/, /Roll back/, /Deploy this build/]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  const refused = await page.request.post("/api/pipelines/web/lock", { data: { reason: "viewer tries" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});

test("the metrics page shows the same DORA numbers and totals as GET /api/metrics for that range", async ({ page }) => {
  await signIn(page, "viewer");
  // `jobs` is locked in the demo data, so its numbers hold still while the test compares them.
  for (const range of [30, 7] as const) {
    await page.goto(`/metrics?range=${range}&pipeline=jobs`);
    const { from, to } = lastDays(range);
    const api = await (await page.request.get(`/api/metrics?pipeline=jobs&from=${from}&to=${to}`)).json();
    for (const { key } of doraKeys) {
      await expect(page.getByTestId(`dora-${key}`).getByTestId("dora-value")).toHaveText(formatDoraValue(key, api.dora[key]));
    }
    await expect(page.getByTestId("totals")).toContainText(`${from} to ${to}: ${api.totals.deploys} deploy`);
    await expect(page.getByTestId("totals")).toContainText(`${api.totals.failed} failed`);
    expect(api.totals.deploys, "the seeded history has deploys to chart").toBeGreaterThan(0);
    await expect(page.getByTestId("bar-deploys").first()).toBeVisible();
  }
  // The range is kept in the URL and chosen with links.
  await page.getByRole("link", { name: "90 days" }).click();
  await expect(page).toHaveURL(/range=90&pipeline=jobs/);
  await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");
});

test("dialogs are keyboard-operable: focus moves in, Escape closes and focus returns", async ({ page }) => {
  await signIn(page, "deployer");
  await page.setViewportSize(PHONE);
  await page.goto("/pipelines/jobs");
  const unlock = page.getByRole("button", { name: "Unlock" });
  await unlock.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Unlock jobs" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/ui-unlock-dialog-phone.png" });
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  // Tabbing never leaves the modal dialog (the rest of the page is inert).
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement === document.body || Boolean(document.activeElement?.closest("dialog")))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(unlock).toBeFocused();
});

test("the audit page filters by pipeline and action in the URL and loads older events on demand", async ({ page, request }) => {
  await signIn(page, "viewer");
  await page.goto("/audit");
  await page.getByLabel("Pipeline").selectOption("web");
  await page.getByLabel("Action").selectOption("deploy");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/pipeline=web/);
  await expect(page).toHaveURL(/action=deploy/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toContainText("deploy");
  const shown = await rows.count();
  const api = await (await request.get(`/api/audit?pipeline=web&action=deploy&limit=${shown}`, { headers: admin })).json();
  if (api.nextCursor) {
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(shown);
  }
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain("web");
    expect(text).toContain("deploy");
  }
});
