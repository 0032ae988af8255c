import { expect, test, type Page } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** Deployer actions through the dashboard on pipelines of their own; the API confirms what the screen says. */
test.describe.configure({ mode: "serial" });

// Hosts take a moment to restart so a rollout is slow enough to watch batch by batch.
const watchable = { target: { kind: "simulated", hosts: 8, restartSeconds: 3, checkSeconds: 0.3, stepTimeoutSeconds: 30 }, batchPercent: 50 };

test.beforeEach(async ({ page }) => {
  await signIn(page, "deployer");
});

/** Marks the window so the test can prove later that the page was never reloaded. */
const markWindow = (page: Page) => page.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));
const windowUntouched = (page: Page) => page.evaluate(() => (window as unknown as { untouched?: boolean }).untouched === true);

test("lock with a reason shows on the pipeline and the overview; unlock clears it", async ({ page, request }) => {
  const slug = uniqueSlug("ui-lock");
  await createPipeline(request, slug);
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Lock ${slug}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Lock pipeline" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("investigating error spike <b>not bold</b>");
  await dialog.getByRole("button", { name: "Lock pipeline" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Locked" })).toBeVisible();
  await expect(page.getByTestId("pipeline-status")).toHaveText(/locked/);
  // What a person typed is shown as text, never as markup.
  await expect(page.getByTestId("lock-note")).toContainText("by deployer@e2e.test");
  await expect(page.getByTestId("lock-note")).toContainText("investigating error spike <b>not bold</b>");
  expect((await getPipeline(request, slug)).lock).toMatchObject({ kind: "manual", reason: "investigating error spike <b>not bold</b>" });

  await page.goto("/");
  const card = page.locator(`[data-testid="pipeline-card"][data-slug="${slug}"]`);
  await expect(card.getByTestId("pipeline-status")).toHaveText(/locked/);
  await expect(card.getByTestId("lock-note")).toContainText("investigating error spike");

  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unlock pipeline" }).click();
  await expect(page.getByTestId("lock-note")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible();
  expect((await getPipeline(request, slug)).locked).toBe(false);
});

test("rollback through the dialog: the live panel follows it batch by batch without a reload, and the pipeline ends locked by rollback", async ({ page, request }) => {
  const slug = uniqueSlug("ui-rollback");
  await createPipeline(request, slug, watchable);
  const good = await sendBuild(request, slug, { message: "Good change" });
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);
  const bad = await sendBuild(request, slug, { message: "Bad change" });
  await eventually(async () => (await liveBuildId(request, slug)) === bad, 45_000);
  const before = await getPipeline(request, slug);

  await page.goto(`/pipelines/${slug}`);
  await markWindow(page);
  await page.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog", { name: `Roll back ${slug}` });
  // The dialog names the release it goes back to: the first deploy, with the good build.
  await expect(dialog.getByTestId("rollback-target")).toContainText("Deploy #1");
  await expect(dialog.getByTestId("rollback-target")).toContainText("Good change");
  await expect(dialog.getByTestId("rollback-from")).toContainText(`Deploy #${before.currentRelease.number}`);
  await page.screenshot({ path: "e2e/artifacts/ui-rollback-dialog.png" });
  await dialog.getByLabel("Reason (optional)").fill("checkout errors");
  await dialog.getByRole("button", { name: "Roll back to Deploy #1" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Rollback #3 started" })).toBeVisible();

  // Watch the panel: batches finish one after another, then the rollback succeeds.
  const panel = page.getByTestId("rollout-panel");
  const seen: string[] = [];
  await expect
    .poll(
      async () => {
        const release = panel.getByTestId("rollout-release");
        const name = await release.getByRole("link").first().textContent();
        const state = await release.getAttribute("data-state");
        const batches = await panel.getByTestId("rollout-batch").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")).join(","));
        seen.push(`${name} ${state}: ${batches}`);
        return seen.at(-1);
      },
      { timeout: 45_000, intervals: [200] },
    )
    .toBe("Rollback #3 succeeded: succeeded,succeeded");
  expect(seen).toContainEqual(expect.stringMatching(/^Rollback #3 running: succeeded,(running|pending)$/));
  await expect(panel).toContainText("Rollback #3");
  await expect(panel).toContainText("8 of 8 hosts on release #3");
  await expect(page.getByTestId("pipeline-status")).toHaveText(/rolled back/);
  await expect(page.getByTestId("lock-note")).toContainText("Locked by rollback");
  await expect(page.getByTestId("lock-note")).toContainText("checkout errors");
  expect(await windowUntouched(page)).toBe(true);
  expect(await liveBuildId(request, slug)).toBe(good);
});

test("promote from the builds table names the build, then rolls it out to completion", async ({ page, request }) => {
  const slug = uniqueSlug("ui-promote");
  await createPipeline(request, slug, watchable);
  const first = await sendBuild(request, slug);
  await eventually(async () => (await liveBuildId(request, slug)) === first, 45_000);
  // Locked, so continuous deployment leaves the next build alone until a person promotes it.
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "release train" } })).status()).toBe(200);
  const chosen = await sendBuild(request, slug, { message: "Ship the new checkout" });

  await page.goto(`/pipelines/${slug}`);
  await markWindow(page);
  const row = page.locator(`[data-testid="build-row"][data-build-id="${chosen}"]`);
  await row.getByRole("button", { name: /Deploy this build/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Ship the new checkout");
  await expect(dialog).toContainText("The pipeline is locked: this deploys anyway");
  await dialog.getByRole("button", { name: /^Deploy build/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Promote #2 started" })).toBeVisible();
  const promoted = page.getByTestId("rollout-release").filter({ hasText: "Promote #2" });
  await expect(promoted).toHaveAttribute("data-state", "running");
  await expect(promoted).toHaveAttribute("data-state", "succeeded", { timeout: 45_000 });
  await expect(row).toContainText("live");
  expect(await windowUntouched(page)).toBe(true);
  expect(await liveBuildId(request, slug)).toBe(chosen);
});

test("an action the server refuses shows its message: a second lock is a 409", async ({ page, request }) => {
  const slug = uniqueSlug("ui-conflict");
  await createPipeline(request, slug);
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  // Someone else locks it meanwhile.
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "first" } })).status()).toBe(200);
  await page.getByRole("dialog").getByLabel("Reason").fill("second");
  await page.getByRole("dialog").getByRole("button", { name: "Lock pipeline" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /lock/i })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByTestId("lock-note")).toContainText("first");
});
