import { expect, test } from "@playwright/test";
import { signIn } from "./auth";

test("the overview lists the seeded demo pipelines from the database", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Pipelines" })).toBeVisible();
  for (const name of ["web", "api", "frontend", "jobs"]) {
    await expect(page.getByTestId("pipeline-card").filter({ hasText: new RegExp(`acme/${name}\\b`) })).toBeVisible();
  }
  // The locked demo pipeline stands out with its badge and who locked it why.
  const jobs = page.locator('[data-testid="pipeline-card"][data-slug="jobs"]');
  await expect(jobs.getByTestId("pipeline-status")).toHaveText(/locked|rolled back/);
  await expect(jobs.getByTestId("lock-note")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/overview.png", fullPage: true });
});

test("signed out, the overview sends you to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("GET /api/health answers ok with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: "ok" });
});
