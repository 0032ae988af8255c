import { expect, test } from "@playwright/test";
import { signIn } from "./auth";

/**
 * Refreshes the README's screenshots from the demo data:
 * `README_SCREENSHOTS=1 npx playwright test e2e/readme-screenshots.spec.ts` (after `npm run build`).
 * Skipped otherwise, so test runs leave docs/ alone.
 */
test.skip(!process.env.README_SCREENSHOTS, "set README_SCREENSHOTS=1 to refresh docs/*.png");

test("README screenshots: the overview and a pipeline page", async ({ page }) => {
  await signIn(page, "viewer");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/");
  await expect(page.locator('[data-slug="web"]').getByTestId("deploys-today")).not.toHaveText("—");
  await page.screenshot({ path: "docs/overview.png" });
  await page.goto("/pipelines/api");
  await expect(page.getByTestId("waiting-builds")).toBeVisible();
  await page.screenshot({ path: "docs/pipeline.png", fullPage: true });
});
