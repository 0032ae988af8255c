import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** Command targets end to end: the server's own worker runs the commands; admins mark a release failed and edit a pipeline. */
test.describe.configure({ mode: "serial" });

const hanging = (marker: string) => ({
  target: { kind: "command", hosts: ["web-1"], batch: { run: `echo "${marker}"; exec sleep 120` }, stepTimeoutSeconds: 600 },
  batchPercent: 100,
});

test("an admin marks a running release failed from its page; the log showed the command's output live", async ({ page, request }) => {
  const slug = uniqueSlug("cmd-fail");
  await createPipeline(request, slug, hanging("deploying web-1 now"));
  await sendBuild(request, slug);
  const releaseId = await eventually(async () => {
    const releases = await (await request.get(`/api/pipelines/${slug}/releases`, { headers: admin })).json();
    return releases.items[0]?.id as number | undefined;
  }, 45_000);
  await signIn(page, "admin");
  await page.goto(`/releases/${releaseId}`);
  await expect(page.getByLabel("Log of Batch 1 of 1")).toContainText("deploying web-1 now", { timeout: 45_000 });
  await page.getByRole("button", { name: "Mark failed" }).click();
  const dialog = page.getByRole("dialog", { name: /Mark release #1 failed/ });
  await expect(dialog.getByRole("button", { name: "Mark failed" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("the deploy host is gone");
  await dialog.getByRole("button", { name: "Mark failed" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "marked failed" })).toBeVisible();
  const release = await (await request.get(`/api/releases/${releaseId}`, { headers: admin })).json();
  expect(release.state).toBe("failed");
  await eventually(async () => {
    const again = await (await request.get(`/api/releases/${releaseId}`, { headers: admin })).json();
    return again.steps[0].runs[0]?.note === "killed: marked failed by admin@e2e.test: the deploy host is gone";
  }, 30_000);
});

test("viewers see no command lines; an admin edits the pipeline on its settings page and the API shows it", async ({ page, request }) => {
  const slug = uniqueSlug("cmd-settings");
  await createPipeline(request, slug, { target: { kind: "command", hosts: ["web-1"], batch: { run: "./deploy --token s3cret" } } });
  await signIn(page, "viewer");
  const forViewer = await page.request.get(`/api/pipelines/${slug}`);
  expect(await forViewer.text()).not.toContain("s3cret");
  await page.goto(`/pipelines/${slug}/settings`);
  await expect(page.getByTestId("admins-only")).toBeVisible();

  await signIn(page, "admin");
  await page.goto(`/pipelines/${slug}`);
  await page.getByRole("link", { name: "Pipeline settings" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Checkout service");
  await page.getByLabel("Batch size (% of hosts)").fill("50");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved the settings" })).toBeVisible();
  const updated = await (await request.get(`/api/pipelines/${slug}`, { headers: admin })).json();
  expect(updated).toMatchObject({ name: "Checkout service", batchPercent: 50, target: { batch: { run: "./deploy --token s3cret" } } });
  const audit = await (await request.get(`/api/audit?pipeline=${slug}`, { headers: admin })).json();
  expect(audit.items.some((event: { action: string }) => event.action === "pipeline.update")).toBe(true);
});
