import { expect, test, type Page } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, sha, uniqueSlug } from "./api";
import { signIn } from "./auth";

/**
 * Issue 16, items 1–4 and 6: the screens answer "is my build live, and if not
 * why?", "what is happening during a rollback?", "who did what, when?" and
 * "when will it be done?" correctly, at desktop and phone size.
 */
test.describe.configure({ mode: "serial" });
// Each test waits for real rollouts on a machine shared with other work.
test.setTimeout(120_000);

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
// Hosts take a moment to restart so a rollout is slow enough to watch batch by batch.
const watchable = { target: { kind: "simulated", hosts: 8, restartSeconds: 3, checkSeconds: 0.3, stepTimeoutSeconds: 30 }, batchPercent: 50 };

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/ui16-${name}.png`, fullPage: true });
const row = (page: Page, buildId: number) => page.locator(`[data-testid="build-row"][data-build-id="${buildId}"]`);
const api = (request: Parameters<typeof getPipeline>[0], path: string) => request.get(path, { headers: admin }).then((r) => r.json());

test("a build says where it stands: waiting with the blocker's words, skipped, live via a later release, CI failed; a commit's builds sit together", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-where");
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 4, restartSeconds: 0, stepTimeoutSeconds: 30 } });
  const first = await sendBuild(request, slug, { message: "First change" });
  await eventually(async () => (await liveBuildId(request, slug)) === first, 45_000);
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "release train on Thursday" } })).status()).toBe(200);
  const skipped = await sendBuild(request, slug, { message: "Skipped change" });
  const commit = sha();
  const newest = await sendBuild(request, slug, { message: "Newest change", commitSha: commit });
  const lint = await sendBuild(request, slug, { message: "Newest change", commitSha: commit });
  const red = await sendBuild(request, slug, { message: "Broken change", state: "failed" });
  const blocker = (await getPipeline(request, slug)).blocker;
  expect(blocker.code).toBe("locked");
  const blockerWords = new RegExp(blocker.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/just now|\d+ \w+ ago/, ".+"));

  await signIn(page, "deployer");
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.goto(`/pipelines/${slug}`);
    const waiting = page.getByTestId("waiting-builds");
    // The lint run of the newest commit is newer still, so it is the one CD waits to deploy; the commit's first run sits beside it.
    // The engine's words, but for the age of the lock, which moves on while the page loads.
    await expect(waiting.locator(`[data-build-id="${lint}"]`).getByTestId("deployment-note").first()).toContainText(blockerWords);
    await expect(waiting.locator(`[data-build-id="${lint}"]`)).toHaveAttribute("data-status", "waiting");
    await shot(page, `1-2-builds-${size}`);
  }
  await page.setViewportSize(DESKTOP);
  // Builds of one commit are adjacent rows, the later ones marked as the same commit.
  const commits = await page.locator('[data-testid="build-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-commit")));
  const at = commits.indexOf(commit);
  expect(commits.slice(at, at + 2)).toEqual([commit, commit]);
  await expect(row(page, newest)).toContainText("same commit");
  await expect(row(page, skipped)).toHaveAttribute("data-status", "skipped");
  await expect(page.getByTestId("builds").locator(`[data-build-id="${red}"]`)).toHaveAttribute("data-status", "ci-failed");

  // The waiting build's own page says why, in the engine's words.
  await page.goto(`/builds/${lint}`);
  await expect(page.getByTestId("build-deployment")).toContainText(blockerWords);
  await shot(page, "1-build-waiting-desktop");
  await page.goto(`/builds/${red}`);
  await expect(page.getByTestId("build-deployment")).toContainText("CI did not pass");

  // Unlocked, CD takes the newest passed build and skips the one in between: that one went live inside the later release.
  expect((await request.post(`/api/pipelines/${slug}/unlock`, { headers: { ...admin, "Content-Type": "application/json" }, data: {} })).status()).toBe(200);
  await eventually(async () => (await liveBuildId(request, slug)) === lint, 45_000);
  const live = (await getPipeline(request, slug)).currentRelease;
  await page.goto(`/builds/${skipped}`);
  await expect(page.getByTestId("build-deployment")).toContainText(`Live via Deploy #${live.number}`);
  await expect(page.getByTestId("build-deployment")).not.toContainText("No releases");
  await shot(page, "1-build-live-via-desktop");
  await page.setViewportSize(PHONE);
  await shot(page, "1-build-live-via-phone");
});

test("a rolled-back build is marked, and deploying it again asks for a reason that the release keeps", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-redeploy");
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 4, restartSeconds: 0, stepTimeoutSeconds: 30 } });
  const good = await sendBuild(request, slug, { message: "Good change" });
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);
  const bad = await sendBuild(request, slug, { message: "Bad change" });
  await eventually(async () => (await liveBuildId(request, slug)) === bad, 45_000);
  expect((await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: { reason: "checkout errors" } })).status()).toBe(201);
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);

  await signIn(page, "deployer");
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.goto(`/pipelines/${slug}`);
    await expect(row(page, bad)).toHaveAttribute("data-status", "rolled-back");
    await expect(row(page, bad).getByTestId("deployment-note").filter({ visible: true })).toContainText("Rolled back in Rollback #3");
    await shot(page, `2-rolled-back-${size}`);
  }
  await page.setViewportSize(DESKTOP);
  await row(page, bad).getByRole("button", { name: /Redeploy/ }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Rolled back in Rollback #3");
  const confirm = dialog.getByRole("button", { name: /^Redeploy build/ });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Reason (required)").fill("the errors came from a config flag, now fixed");
  await shot(page, "2-redeploy-reason-desktop");
  await confirm.click();
  await expect(dialog).toBeHidden();
  const release = await eventually(async () => (await getPipeline(request, slug)).activeRelease ?? (await getPipeline(request, slug)).currentRelease);
  expect(release).toMatchObject({ kind: "promote", reason: "the errors came from a config flag, now fixed" });
});

test("during a rollback the panel counts hosts back, the lock and its reason are said once, Roll back is disabled, and phone toasts stay off the panel", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-rolling");
  await createPipeline(request, slug, { ...watchable, name: "Checkout API" });
  const good = await sendBuild(request, slug, { message: "Good change" });
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);
  const bad = await sendBuild(request, slug, { message: "Bad change" });
  await eventually(async () => (await liveBuildId(request, slug)) === bad, 45_000);

  await signIn(page, "deployer");
  await page.setViewportSize(PHONE);
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Roll back" }).click();
  const reason = "payment errors after the bad change";
  await page.getByRole("dialog").getByLabel("Reason (optional)").fill(reason);
  await page.getByRole("dialog").getByRole("button", { name: /^Roll back to/ }).click();
  const panel = page.getByTestId("rollout-panel");
  const toast = page.getByTestId("toast").first();
  await expect(toast).toBeVisible();
  const [toastBox, panelBox] = [await toast.boundingBox(), await panel.boundingBox()];
  expect(toastBox!.y + toastBox!.height <= panelBox!.y || toastBox!.y >= panelBox!.y + panelBox!.height, "the toast does not cover the rollout panel").toBe(true);
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Rolling back… \d+\/8 hosts$/);
  await shot(page, "3-rolling-back-phone");

  await page.setViewportSize(DESKTOP);
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Rolling back… \d+\/8 hosts$/);
  await expect(page.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await expect(page.getByTestId("rolling-back-button")).toBeDisabled();
  await expect(page).toHaveTitle("↶ Rolling back · Checkout API · Shipboard");
  // The lock is one note, and the reason is written once above the history (header, notes and the live panel).
  await expect(page.getByTestId("lock-note")).toHaveCount(1);
  const live = (await page.locator("main header").innerText()) + (await panel.innerText());
  expect(live.split(reason).length - 1).toBe(1);
  await shot(page, "3-rolling-back-desktop");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("Last rollout", { timeout: 45_000 });
  await expect(page).toHaveTitle("↶ Rolled back · Checkout API · Shipboard");
});

test.describe("in the viewer's time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the ETA is the server's estimatedFinishAt, shown as 'usually done by' in the viewer's zone, and it moves as batches finish", async ({ page, request }) => {
    const slug = uniqueSlug("ui16-eta");
    await createPipeline(request, slug, { ...watchable, target: { ...watchable.target, hosts: 12, restartSeconds: 3 }, batchPercent: 25 });
    for (const message of ["One", "Two"]) {
      const id = await sendBuild(request, slug, { message });
      await eventually(async () => (await liveBuildId(request, slug)) === id, 60_000);
    }
    await signIn(page, "viewer");
    await sendBuild(request, slug, { message: "Three" });
    await eventually(async () => (await getPipeline(request, slug)).activeRelease);
    await page.goto(`/pipelines/${slug}`);
    const eta = page.getByTestId("rollout-eta");
    await expect(eta).toBeVisible({ timeout: 20_000 });
    const estimates = new Set<string>();
    const shown = new Set<string>();
    for (let done = false, until = Date.now() + 60_000; !done && Date.now() < until; await page.waitForTimeout(250)) {
      const active = (await getPipeline(request, slug)).activeRelease;
      done = active === null;
      if (active?.estimatedFinishAt) estimates.add(active.estimatedFinishAt);
      const text = await eta.textContent({ timeout: 500 }).catch(() => null);
      const at = text?.match(/usually done by (\d\d:\d\d \S+)/)?.[1] ?? text;
      // The server renders UTC (it cannot know the zone) until hydration switches to the viewer's.
      if (at && !at.endsWith(" UTC")) shown.add(at);
      if (shown.size === 1 && text) await shot(page, "6-eta-desktop");
    }
    // What the panel says is the server's instant, in Tokyo's time (UTC+9, "GMT+9").
    const tokyo = [...estimates].map((at) => `${new Date(Date.parse(at) + 9 * 3_600_000).toISOString().slice(11, 16)} GMT+9`);
    expect([...shown].every((text) => tokyo.includes(text)), `shown ${[...shown].join(", ")}; estimates ${tokyo.join(", ")}`).toBe(true);
    expect(estimates.size, `estimates seen: ${[...estimates].join(", ")}`).toBeGreaterThan(1);
  });
});

test("the audit list is in time order, names releases, filters by date preset and part of an actor, and shows cards with reasons on a phone", async ({ page, request }) => {
  const slug = uniqueSlug("ui16-audit");
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 2, restartSeconds: 0, stepTimeoutSeconds: 30 } });
  const one = await sendBuild(request, slug);
  await eventually(async () => (await liveBuildId(request, slug)) === one, 45_000);
  const two = await sendBuild(request, slug);
  await eventually(async () => (await liveBuildId(request, slug)) === two, 45_000);

  await signIn(page, "deployer");
  await page.setViewportSize(DESKTOP);
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("dialog").getByLabel("Reason (optional)").fill("audit trail check");
  await page.getByRole("dialog").getByRole("button", { name: /^Roll back to/ }).click();
  await eventually(async () => (await liveBuildId(request, slug)) === one, 45_000);

  // The API pages by time, newest first, across pages.
  const first = await api(request, "/api/audit?limit=50");
  const second = await api(request, `/api/audit?limit=50&cursor=${first.nextCursor}`);
  const times = [...first.items, ...second.items].map((e: { at: string }) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  await page.goto(`/audit?pipeline=${slug}&actor=DEPLOYER%40e2e`);
  const rollback = page.getByTestId("audit-row").filter({ hasText: "rollback" });
  await expect(rollback).toContainText("Rollback #3");
  await expect(rollback).toContainText("audit trail check");
  await expect(page.getByTestId("audit-row").filter({ hasText: /release \d+/ })).toHaveCount(0);
  await shot(page, "4-audit-desktop");

  await page.getByLabel("When").selectOption("today");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/when=today/);
  await expect(page).toHaveURL(/tz=/);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.getByLabel("When").selectOption("yesterday");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No events match these filters.")).toBeVisible();

  await page.setViewportSize(PHONE);
  await page.goto(`/audit?pipeline=${slug}`);
  const card = page.getByTestId("audit-card").filter({ hasText: "rollback" });
  await expect(card.getByTestId("audit-reason")).toHaveText("“audit trail check”");
  await expect(card).toContainText("Rollback #3");
  await expect(page.getByTestId("audit-row").first()).toBeHidden();
  await shot(page, "4-audit-phone");
});
