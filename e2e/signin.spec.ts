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

test("a deep link survives sign-in: /pipelines/web → sign-in → back to /pipelines/web", async ({ page }) => {
  await page.goto("/pipelines/web?tab=releases");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpipelines%2Fweb%3Ftab%3Dreleases$/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/pipelines\/web\?tab=releases$/);
});

for (const evil of ["/\\evil.example", "//evil.example", "https://evil.example/", "/\t/evil.example"]) {
  test(`attack: callbackUrl ${JSON.stringify(evil)} never leaves the site after sign-in`, async ({ page }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
    await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new URL("/", page.url()).toString());
  });
}

test("attack: a second email field cannot dodge the per-account limit; auth bodies over 16 KB are refused unread", async ({ playwright, baseURL }) => {
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  const form = (extra: string) => `csrfToken=${csrfToken}&email=a%40e2e.test&password=x&json=true${extra}`;
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const twice = await context.post("/api/auth/callback/credentials", { headers, data: form("&email=b%40e2e.test") });
  expect(twice.status()).toBe(400);
  expect((await twice.json()).error).toMatchObject({ code: "bad_request", field: "email" });
  const huge = await context.post("/api/auth/callback/credentials", { headers, data: form(`&pad=${"x".repeat(17 * 1024)}`) });
  expect(huge.status()).toBe(413);
  const signout = await context.post("/api/auth/signout", { headers, data: `csrfToken=${csrfToken}&pad=${"x".repeat(17 * 1024)}` });
  expect(signout.status()).toBe(413);
  await context.dispose();
});

test("attack: a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  await signIn(page, "deployer");
  const copied = await page.context().cookies();
  expect((await page.request.get("/api/pipelines")).status()).toBe(200);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/signout", { form: { csrfToken } });
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/pipelines")).status()).toBe(401);
  await thief.close();
});
