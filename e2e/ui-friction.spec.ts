import { expect, test, type Page } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** Issue 16, items 7, 9, 10, 11 and 13: local times, tab titles, skeletons and the stale banner, commit links, icons. */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/ui16-${name}.png` });

test.describe("in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("times show the exact moment in the viewer's zone on hover and on keyboard focus, and 'deploys today' counts from the viewer's midnight", async ({ page, request }) => {
    const slug = uniqueSlug("ui16-tz");
    await createPipeline(request, slug, { target: { kind: "simulated", hosts: 2, restartSeconds: 0, stepTimeoutSeconds: 30 } });
    const build = await sendBuild(request, slug);
    await eventually(async () => (await liveBuildId(request, slug)) === build, 45_000);
    await signIn(page, "viewer");
    await page.setViewportSize(DESKTOP);
    await page.goto(`/pipelines/${slug}`);
    const time = page.getByTestId("relative-time").first();
    const at = (await time.getAttribute("datetime"))!;
    const tokyo = `${new Date(Date.parse(at) + 9 * 3_600_000).toISOString().slice(0, 19).replace("T", " ")} GMT+9`;
    await time.hover();
    await expect(page.getByRole("tooltip", { includeHidden: true }).filter({ visible: true })).toHaveText(tokyo);
    await shot(page, "7-time-hover-desktop");
    await page.mouse.move(0, 0);
    // Keyboard and touch users reach it by focus.
    await time.focus();
    await expect(page.getByRole("tooltip", { includeHidden: true }).filter({ visible: true })).toHaveText(tokyo);
    await expect(time).toContainText(tokyo); // screen readers hear it too

    // "Deploys today" from Tokyo's midnight, whatever UTC's day is.
    const now = Date.now();
    const midnight = new Date(Math.floor((now + 9 * 3_600_000) / 86_400_000) * 86_400_000 - 9 * 3_600_000);
    const releases = (await (await request.get(`/api/pipelines/web/releases?limit=200`, { headers: admin })).json()).items as {
      kind: string;
      state: string;
      finishedAt: string | null;
    }[];
    const expected = releases.filter((r) => r.kind !== "rollback" && r.state === "succeeded" && r.finishedAt && Date.parse(r.finishedAt) >= midnight.getTime()).length;
    expect(expected, "the demo's web pipeline deployed today (fewer than 200 releases)").toBeLessThan(200);
    await page.goto("/");
    await expect(page.locator('[data-testid="pipeline-card"][data-slug="web"]').getByTestId("deploys-today")).toHaveText(String(expected));
    await page.setViewportSize(PHONE);
    await page.goto("/");
    await shot(page, "7-overview-phone");
  });
});

test("tab titles carry state and human names; a 404's title says not found", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-title");
  await createPipeline(request, slug, { name: "Billing API", target: { kind: "simulated", hosts: 2, restartSeconds: 0, stepTimeoutSeconds: 30 } });
  const build = await sendBuild(request, slug);
  await eventually(async () => (await liveBuildId(request, slug)) === build, 45_000);
  const pipeline = await getPipeline(request, slug);
  await signIn(page, "viewer");
  await page.goto(`/pipelines/${slug}`);
  await expect(page).toHaveTitle("✓ Idle · Billing API · Shipboard");
  await page.goto(`/builds/${build}`);
  await expect(page).toHaveTitle(`Build #${pipeline.currentRelease.build.number} · ${slug} · Shipboard`);
  await page.goto(`/releases/${pipeline.currentRelease.id}`);
  await expect(page).toHaveTitle(`✓ Deploy #${pipeline.currentRelease.number} succeeded · ${slug} · Shipboard`);
  await page.goto("/pipelines/no-such-pipeline");
  await expect(page).toHaveTitle(/not found/i);
  await page.goto("/builds/999999");
  await expect(page).toHaveTitle(/not found/i);
  await page.goto("/no/such/page");
  await expect(page).toHaveTitle("Not found · Shipboard");
});

test("each route shows its own loading skeleton, and the stale banner appears within 5 s when the server stops answering", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "viewer");
  await page.setViewportSize(DESKTOP);
  // Each route reached the way people reach it: a link in the dashboard (a client-side navigation).
  const routes = [
    { name: "pipeline", from: "/", prefix: "/pipelines/", link: (p: Page) => p.locator('[data-slug="web"] h2').getByRole("link") },
    { name: "release", from: "/pipelines/web", prefix: "/releases/", link: (p: Page) => p.getByTestId("rollout-release").getByRole("link").first() },
    { name: "build", from: "/pipelines/web", prefix: "/builds/", link: (p: Page) => p.getByTestId("rollout-release").getByRole("link", { name: /^build / }) },
    { name: "metrics", from: "/", prefix: "/metrics", link: (p: Page) => p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }) },
    { name: "audit", from: "/", prefix: "/audit", link: (p: Page) => p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }) },
  ];
  for (const { name, from, prefix, link } of routes) {
    // The router learns a route's loading boundary from its prefetch; a click that beats the prefetch waits blank, so try again then.
    await expect(async () => {
      await page.goto(from);
      await link(page).hover();
      await page.waitForTimeout(300);
      // Hold the page's data, not the router's prefetch of its loading state (which is what shows the skeleton at once).
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route((url) => url.pathname.startsWith(prefix) && url.searchParams.has("_rsc"), async (route) => {
        if (!route.request().headers()["next-router-prefetch"]) await held;
        await route.continue().catch(() => {});
      });
      try {
        await link(page).click();
        await expect(page.locator(`[data-testid="skeleton"][data-page="${name}"]`)).toBeVisible({ timeout: 3_000 });
        await shot(page, `10-skeleton-${name}-desktop`);
      } finally {
        release();
        await page.unrouteAll({ behavior: "ignoreErrors" });
      }
    }).toPass({ timeout: 30_000 });
  }

  await page.goto("/pipelines/web");
  await expect(page.getByTestId("stale-banner")).toHaveCount(0);
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  const cut = Date.now();
  await expect(page.getByTestId("stale-banner")).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - cut).toBeLessThan(5_000);
  await expect(page.getByTestId("stale-banner")).toContainText("unreachable");
  await shot(page, "10-stale-desktop");
  await page.unrouteAll();
  await expect(page.getByTestId("stale-banner")).toHaveCount(0, { timeout: 15_000 });
});

test("a build's sha links to the commit on the repository's host", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-links");
  await createPipeline(request, slug, { repository: "acme/shop", target: { kind: "simulated", hosts: 2, restartSeconds: 0, stepTimeoutSeconds: 30 } });
  const build = await sendBuild(request, slug, { repository: "acme/shop" });
  const { commitSha } = (await (await request.get(`/api/pipelines/${slug}/builds`, { headers: admin })).json()).items[0];
  await signIn(page, "viewer");
  await page.setViewportSize(DESKTOP);
  await page.goto(`/builds/${build}`);
  const link = page.getByTestId("commit-link").first();
  await expect(link).toHaveAttribute("href", `https://github.com/acme/shop/commit/${commitSha}`);
  await expect(link).toHaveAttribute("target", "_blank");
  await page.goto(`/pipelines/${slug}`);
  await expect(page.locator(`[data-build-id="${build}"]`).getByTestId("commit-link")).toHaveAttribute("href", `https://github.com/acme/shop/commit/${commitSha}`);
  await shot(page, "11-commit-link-desktop");
});

test("the app has a favicon, light and dark tab icons, home-screen icons and a web manifest", async ({ page, request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const body = await manifest.json();
  expect(body).toMatchObject({ name: "Shipboard", short_name: "Shipboard", start_url: "/", display: "standalone" });
  for (const icon of body.icons as { src: string; type: string }[]) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toContain(icon.type);
  }
  expect((await request.get("/favicon.ico")).status()).toBe(200);
  expect((await request.get("/apple-touch-icon.png")).status()).toBe(200);

  await signIn(page, "viewer");
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"][media="(prefers-color-scheme: dark)"]')).toHaveAttribute("href", /icon-dark\.svg/);
  await expect(page.locator('link[rel="icon"][media="(prefers-color-scheme: light)"]')).toHaveAttribute("href", /icon-light\.svg/);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", /apple-touch-icon\.png/);
  for (const scheme of ["light", "dark"] as const) {
    await page.goto(`/icon-${scheme}.svg`);
    await shot(page, `13-icon-${scheme}`);
  }
});
