import { expect, test } from "@playwright/test";
import { E2E_OIDC_EMAIL_DOMAIN, E2E_OIDC_NAME } from "./env";

// A real OpenID Connect authorization code flow (PKCE + state) against the
// oidc-provider e2e/serve.ts starts: no part of next-auth is mocked.
test("signing in with OpenID Connect creates a viewer and lands on the overview", async ({ page }) => {
  const login = `sso-${Date.now()}`;
  await page.goto("/signin");
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: `Sign in with ${E2E_OIDC_NAME}` }).click();

  // oidc-provider's development login form: any login and password.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();

  // Then its consent page, when it asks.
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByRole("heading", { name: "Pipelines" }))).toBeVisible();
  if (await consent.isVisible()) await consent.click();

  await expect(page.getByRole("heading", { name: "Pipelines" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${login}@${E2E_OIDC_EMAIL_DOMAIN} (viewer)`);

  // The session carries Shipboard's user id, so the API knows who this is too.
  const me = await page.request.get("/api/auth/session");
  expect((await me.json()).user.email).toBe(`${login}@${E2E_OIDC_EMAIL_DOMAIN}`);
});

test("the sign-in page offers only the enabled providers", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("link", { name: `Sign in with ${E2E_OIDC_NAME}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(1);
});
