import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, sendBuild, sha, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** "Where is my change?": the commit page follows one commit through a real rollout and a rollback, without a reload. */
test("the commit page follows a commit from building to live, then to rolled back by whom and why", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, "viewer");
  const slug = uniqueSlug("commit");
  // Hosts take a few seconds to restart, so the rollout is slow enough to see batch by batch.
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 8, restartSeconds: 3, checkSeconds: 0.3, stepTimeoutSeconds: 60 }, batchPercent: 25 });
  const base = await sendBuild(request, slug, { message: "Base" });
  await eventually(async () => (await getPipeline(request, slug)).currentRelease?.build.id === base);

  const commitSha = sha();
  const externalId = `commit-${commitSha.slice(0, 8)}`;
  await sendBuild(request, slug, { commitSha, externalId, state: "running", message: "Faster checkout totals", author: "ada@example.com" });

  // The header's search box finds it by the author.
  await page.getByRole("searchbox", { name: "Find a commit by sha, author or message" }).fill("ada@example.com");
  await page.keyboard.press("Enter");
  const results = page.getByTestId("commit-results");
  await expect(results).toContainText("Faster checkout totals");
  await expect(results).toContainText("building");
  await results.getByRole("link", { name: commitSha.slice(0, 7) }).click();

  await expect(page).toHaveURL(new RegExp(`/commits/${commitSha}$`));
  await page.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));
  const card = page.getByTestId(`commit-pipeline-${slug}`);
  await expect(card.getByTestId("commit-state")).toHaveText(/building/);
  await expect(card.getByTestId("commit-sentence")).toHaveText("CI is still running on this commit.");

  await sendBuild(request, slug, { commitSha, externalId, state: "passed", message: "Faster checkout totals", author: "ada@example.com" });
  await expect(card.getByTestId("commit-state")).toHaveText(/deploying/, { timeout: 20_000 });
  await expect(card.getByTestId("commit-sentence")).toHaveText(/Deploying in Deploy #2: [1-7] of 8 hosts, Batch [2-4] of 4\./, { timeout: 20_000 });
  await expect(card.getByRole("progressbar")).toBeVisible();
  await expect(card).toContainText(/Expected live\s*(in about \d|any moment now|overdue \(expected)/);
  await page.screenshot({ path: "e2e/artifacts/commit-page-rollout.png", fullPage: true });

  await expect(card.getByTestId("commit-state")).toHaveText(/live/, { timeout: 30_000 });
  await expect(card.getByTestId("commit-sentence")).toHaveText(/^Live since .* on 8 of 8 hosts\.$/);
  await expect(card.getByRole("link", { name: "Deploy #2" })).toHaveAttribute("href", /\/releases\/\d+$/);

  const rollback = await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: { reason: "checkout errors" } });
  expect(rollback.status()).toBe(201);
  await expect(card.getByTestId("commit-state")).toHaveText(/rolled-back/, { timeout: 15_000 });
  await expect(card.getByTestId("commit-sentence")).toHaveText("Rolled back by admin-token in Rollback #3: checkout errors.");
  await page.screenshot({ path: "e2e/artifacts/commit-page-rolled-back.png", fullPage: true });
  // Followed live all along: the page was never reloaded.
  expect(await page.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
});
