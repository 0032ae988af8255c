import { expect, test } from "@playwright/test";
import { signIn } from "./auth";

const scriptSrc = (policy: string | undefined) => policy?.split(";").map((directive) => directive.trim()).find((directive) => directive.startsWith("script-src ")) ?? "";

test("every page response carries a fresh script nonce, on each of Next.js's own scripts, and script-src has no 'unsafe-inline'", async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/signin");
    const directive = scriptSrc(response.headers()["content-security-policy"]);
    expect(directive).not.toContain("'unsafe-inline'");
    const nonce = directive.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce, directive).toBeTruthy();
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.push(nonce!);
  }
  expect(nonces[1]).not.toBe(nonces[0]);
  // Responses that are not pages allow no inline script at all.
  const api = await request.get("/api/health");
  expect(scriptSrc(api.headers()["content-security-policy"])).toBe("script-src 'self'");
});

test("attack: an inline script injected into a page does not run, Chromium reports the violation, and the page still works", async ({ page }) => {
  // What an HTML injection would do: a parser-inserted inline script without the nonce.
  await page.route("**/signin*", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __violations: seen });
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  await page.goto("/signin");
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toContain("script-src-elem inline");
  // Next.js's own (nonced) scripts ran: the form is hydrated and signs in.
  await signIn(page, "viewer");
});
