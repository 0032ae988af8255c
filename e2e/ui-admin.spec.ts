import { expect, test } from "@playwright/test";
import { admin, uniqueSlug } from "./api";
import { signIn } from "./auth";
import { E2E_USERS } from "./env";

/** The admin page: API tokens shown once and revoked, people's roles changed and audited, and nobody else let in. */
test.describe.configure({ mode: "serial" });

const PHONE = { width: 390, height: 844 };

test("an admin creates a token that is shown once and works, then revokes it and the API refuses it", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();

  const name = uniqueSlug("ui-token");
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Token role").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: `Token “${name}” created` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Copy it now: it will not be shown again");
  await expect(dialog.getByRole("button", { name: "Copy token" })).toBeVisible();
  const token = (await dialog.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: "e2e/artifacts/admin-token-dialog.png" });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  // Once closed it is gone: the page nowhere shows it again.
  await expect(page.getByText(token)).toHaveCount(0);

  const row = page.locator(`[data-testid="token-row"][data-token-name="${name}"]`);
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("admin@e2e.test");
  await expect(row).toContainText("active");

  const bearer = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/pipelines", { headers: bearer })).status()).toBe(200);

  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke token ${name}` });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `Revoked token ${name}` })).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  expect((await request.get("/api/pipelines", { headers: bearer })).status()).toBe(401);
});

test("an admin changes the viewer's role to deployer and back; each change is audited as user.role", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.goto("/admin");
  const email = E2E_USERS.viewer.email;
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  const roleOf = async () => {
    const users = await (await request.get("/api/users", { headers: admin })).json();
    return (users.items as { email: string; role: string }[]).find((u) => u.email === email)?.role;
  };

  for (const [from, to] of [["viewer", "deployer"], ["deployer", "viewer"]] as const) {
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue(from);
    await expect(row.getByRole("button", { name: "Save" })).toBeDisabled();
    await row.getByLabel(`Role of ${email}`).selectOption(to);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: `${email} is now ${to}` })).toBeVisible();
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue(to);
    expect(await roleOf()).toBe(to);
  }

  const audit = await (await request.get("/api/audit?action=user.role", { headers: admin })).json();
  const reasons = (audit.items as { action: string; actor: string; reason: string | null }[])
    .filter((event) => event.action === "user.role" && event.actor === E2E_USERS.admin.email)
    .map((event) => event.reason);
  expect(reasons).toEqual(expect.arrayContaining(["viewer → deployer", "deployer → viewer"]));

  // The admin's own role cannot be changed here (the server refuses it too).
  const self = page.locator(`[data-testid="user-row"][data-email="${E2E_USERS.admin.email}"]`);
  await expect(self.getByLabel(`Role of ${E2E_USERS.admin.email}`)).toBeDisabled();
  await expect(self.getByRole("button", { name: "Save" })).toHaveCount(0);
});

test("the admin page at desktop and phone width", async ({ page }) => {
  await signIn(page, "admin");
  for (const [size, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/admin-${size}.png`, fullPage: true });
    if (size === "phone") expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  }
});

test("a deployer sees no Admin link, and /admin says admins only", async ({ page }) => {
  await signIn(page, "deployer");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByTestId("admins-only")).toContainText("Admins only");
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
  await expect(page.getByTestId("user-row")).toHaveCount(0);
});

test("an admin invites a colleague; the colleague sets a password through the one-time link and signs in; disabling them ends their session", async ({ page, browser }) => {
  const email = `${uniqueSlug("invitee")}@e2e.test`;
  await signIn(page, "admin");
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("deployer");
  await form.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("invite-url").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);

  const colleague = await browser.newContext();
  const theirs = await colleague.newPage();
  await theirs.goto(link);
  await theirs.waitForLoadState("networkidle");
  await theirs.getByLabel("New password", { exact: true }).fill("colleague-password");
  await theirs.getByLabel("New password again").fill("colleague-password");
  await theirs.getByRole("button", { name: "Set password" }).click();
  await expect(theirs).toHaveURL(/\/signin/);
  await theirs.waitForLoadState("networkidle");
  await theirs.getByLabel("Email").fill(email);
  await theirs.getByLabel("Password").fill("colleague-password");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs.getByTestId("signed-in-as")).toContainText(`${email} (deployer)`);

  // A second visit to the link is refused: it was one-time.
  const replay = await theirs.request.post("/api/invites/accept", { data: { token: link.split("/").pop(), password: "attacker-password" } });
  expect(replay.status()).toBe(404);

  await page.reload();
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("disabled");
  // attack: the disabled colleague's existing cookie no longer works, on the next request.
  expect((await theirs.request.get("/api/pipelines")).status()).toBe(401);
  await colleague.close();
});
