import { expect, type Page } from "@playwright/test";
import { E2E_USERS } from "./env";

/** Signs in through the real sign-in page as the e2e user of that role. */
export async function signIn(page: Page, role: keyof typeof E2E_USERS): Promise<void> {
  const { email, password } = E2E_USERS[role];
  await page.goto("/signin");
  // The form's submit is a React action: wait until the page has hydrated.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}
