import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** A batch of 250 hosts: the release page names them a page at a time, problems first, never all at once. */
test("the release page pages a batch's host names through the step hosts endpoint", async ({ page, request }) => {
  const slug = uniqueSlug("step-hosts");
  const hosts = Array.from({ length: 250 }, (_, i) => `app-${String(i + 1).padStart(3, "0")}`);
  await createPipeline(request, slug, { target: { kind: "command", hosts, batch: { run: "true" } }, batchPercent: 100 });
  await sendBuild(request, slug);
  const release = await eventually(async () => {
    const releases = await (await request.get(`/api/pipelines/${slug}/releases`, { headers: admin })).json();
    return releases.items[0]?.state === "succeeded" ? (releases.items[0] as { id: number }) : null;
  }, 60_000);
  const { steps } = await (await request.get(`/api/releases/${release.id}`, { headers: admin })).json();
  const batch = steps.find((step: { kind: string }) => step.kind === "batch");

  const first = await (await request.get(`/api/releases/${release.id}/steps/${batch.id}/hosts?limit=100`, { headers: admin })).json();
  expect(first.items).toHaveLength(100);
  expect(first.items[0]).toMatchObject({ name: "app-001", state: "healthy", releaseId: release.id });
  expect(first.nextCursor).toEqual(expect.any(String));
  const badLimit = await request.get(`/api/releases/${release.id}/steps/${batch.id}/hosts?limit=0`, { headers: admin });
  expect(badLimit.status()).toBe(400);
  expect((await badLimit.json()).error).toMatchObject({ field: "limit" });
  expect((await request.get(`/api/releases/${release.id}/steps/${batch.id + 100_000}/hosts`, { headers: admin })).status()).toBe(404);

  await signIn(page, "viewer");
  await page.goto(`/releases/${release.id}`);
  const step = page.getByTestId("release-step").filter({ hasText: "Batch 1 of 1" });
  await expect(page.getByTestId("step-hosts")).toHaveCount(0);
  await step.locator("summary", { hasText: "250 hosts" }).click();
  const names = step.getByTestId("step-hosts").getByRole("listitem");
  await expect(names).toHaveCount(100);
  await step.getByRole("button", { name: "More hosts" }).click();
  await expect(names).toHaveCount(200);
  await step.getByRole("button", { name: "More hosts" }).click();
  await expect(names).toHaveCount(250);
  await expect(step.getByRole("button", { name: "More hosts" })).toHaveCount(0);
  await expect(names.last()).toHaveText("app-250");
});
