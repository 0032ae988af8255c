import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, liveBuildId, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** Rollback stays allowed in a freeze (a human decision): the dialog says what it goes past, in the engine's words, and asks why. */
test("in a freeze the rollback dialog warns with the engine's message and needs a reason, which the audit keeps with the override", async ({ page, request }) => {
  const slug = uniqueSlug("rollback-freeze");
  await createPipeline(request, slug);
  const good = await sendBuild(request, slug, { message: "Good change" });
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);
  const bad = await sendBuild(request, slug, { message: "Bad change" });
  await eventually(async () => (await liveBuildId(request, slug)) === bad, 45_000);
  const freeze = await request.post(`/api/pipelines/${slug}/freezes`, {
    headers: { ...admin, "Content-Type": "application/json" },
    data: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(), reason: "year-end close" },
  });
  expect(freeze.status(), await freeze.text()).toBe(201);

  await signIn(page, "deployer");
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog", { name: `Roll back ${slug}` });
  await expect(dialog.getByTestId("rollback-guardrails")).toContainText(/Deploys are frozen by .+: year-end close/);
  const confirm = dialog.getByRole("button", { name: "Roll back to Deploy #1" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Reason (required)").fill("checkout errors");
  await confirm.click();
  await expect(page.getByTestId("toast").filter({ hasText: "Rollback #3 started" })).toBeVisible();

  const audit = await (await request.get(`/api/audit?pipeline=${slug}`, { headers: admin })).json();
  expect(audit.items.find((event: { action: string }) => event.action === "rollback")).toMatchObject({
    reason: "checkout errors", detail: expect.objectContaining({ overrides: ["frozen"] }),
  });
});
