import { expect, test } from "@playwright/test";
import { signIn } from "./auth";
import { E2E_USERS } from "./env";

test("a wrong password is refused with a clear message; the right one signs in", async ({ page }) => {
  await page.goto("/signin");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password.");
  await signIn(page, "viewer");
  await expect(page.getByRole("heading", { name: "Pipelines" })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/signed-in-overview.png" });
});

test("sign-in attempts are rate limited per client with 429 and Retry-After", async ({ playwright, baseURL }) => {
  const context = await playwright.request.newContext({ baseURL });
  let limited = null;
  for (let i = 0; i < 30 && !limited; i++) {
    const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "nobody@e2e.test", password: "wrong", json: "true" },
    });
    if (response.status() === 429) limited = response;
  }
  expect(limited, "no 429 within 30 attempts").not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited!.json()).error.code).toBe("rate_limited");
  await context.dispose();
});
