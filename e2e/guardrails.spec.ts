import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, sha, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** Guardrails end to end: the real server and worker, CD held by windows, freezes and the emergency stop. */
test.describe.configure({ mode: "serial" });

const json = { ...admin, "Content-Type": "application/json" };

test("a pipeline outside its deploy windows holds a green build with blocker outside-window until the next opening", async ({ request }) => {
  const slug = uniqueSlug("window");
  const now = new Date();
  // A one-hour window that opened two hours ago today (UTC): closed now, next open in about 22 hours.
  const hour = (now.getUTCHours() + 22) % 24;
  const hhmm = (h: number) => `${String(h).padStart(2, "0")}:00`;
  const everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const refused = await request.post("/api/pipelines", {
    headers: json, data: { slug, name: slug, repository: `e2e/${slug}`, target: { kind: "simulated" }, windows: [{ days: ["mon"], from: "9:00", to: "17:00", timeZone: "UTC" }] },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toMatchObject({ code: "bad_request", field: "windows.0.from" });

  await createPipeline(request, slug, { windows: [{ days: everyDay, from: hhmm(hour), to: hhmm((hour + 1) % 24), timeZone: "UTC" }] });
  await sendBuild(request, slug);
  const blocker = await eventually(async () => (await getPipeline(request, slug)).blocker);
  expect(blocker).toMatchObject({ code: "outside-window" });
  const until = new Date(blocker.until);
  expect(until.getUTCHours()).toBe(hour);
  expect(until.getTime() - now.getTime()).toBeGreaterThan(20 * 3600_000);
  expect(until.getTime() - now.getTime()).toBeLessThan(23 * 3600_000);
  expect((await getPipeline(request, slug)).currentRelease).toBeNull();
});

test("a deployer freezes deploys from the freeze calendar; CD waits with blocker frozen and goes once the freeze is lifted", async ({ page, request }) => {
  const slug = uniqueSlug("freeze");
  await createPipeline(request, slug);
  await signIn(page, "deployer");
  await page.goto(`/pipelines/${slug}`);
  const calendar = page.getByTestId("freezes");
  await expect(calendar).toContainText("No freezes planned");
  const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await calendar.getByLabel("Starts").fill(local(new Date(Date.now() - 120_000)));
  await calendar.getByLabel("Ends").fill(local(new Date(Date.now() + 3600_000)));
  await calendar.getByLabel("Reason").fill("Black Friday");
  await calendar.getByRole("button", { name: "Add freeze" }).click();
  await expect(calendar.getByTestId("freeze")).toContainText("Frozen now");
  await expect(calendar.getByTestId("freeze")).toContainText("Black Friday");

  const buildId = await sendBuild(request, slug);
  expect((await getPipeline(request, slug)).blocker).toMatchObject({ code: "frozen" });
  await page.reload();
  await expect(page.getByTestId("blocker")).toContainText("Deploys frozen by deployer@e2e.test: Black Friday");
  await expect(page.getByTestId("blocker-until")).toContainText(/lifts in (59|60) min/);

  await calendar.getByRole("button", { name: "Remove the freeze “Black Friday”" }).click();
  await expect(calendar).toContainText("No freezes planned");
  await eventually(async () => (await liveBuildId(request, slug)) === buildId);
  const audit = await (await request.get(`/api/audit?pipeline=${slug}`, { headers: admin })).json();
  expect(audit.items.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(["freeze.create", "freeze.delete"]));
});

test("an admin's emergency stop locks every unlocked pipeline, shows on every page, holds CD, lets a running release finish; lifting it unlocks only its own locks", async ({ page, request }) => {
  // Four pipelines, a rollout watched to its end and two dialogs: over a minute on a loaded machine.
  test.setTimeout(120_000);
  const [idle, held, rolling, fresh] = ["es-idle", "es-held", "es-rolling", "es-fresh"].map(uniqueSlug);
  await createPipeline(request, idle!);
  await createPipeline(request, held!);
  await createPipeline(request, rolling!, { target: { kind: "simulated", hosts: 4, restartSeconds: 4, checkSeconds: 0.2, stepTimeoutSeconds: 30 }, batchPercent: 50 });
  await createPipeline(request, fresh!);
  expect((await request.post(`/api/pipelines/${held}/lock`, { headers: json, data: { reason: "db migration" } })).status()).toBe(200);
  await sendBuild(request, rolling!);
  await eventually(async () => (await getPipeline(request, rolling!)).activeRelease?.state === "running");

  await signIn(page, "admin");
  await page.goto("/");
  await page.getByRole("button", { name: "Emergency stop", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Emergency stop" });
  await dialog.getByLabel("Reason").fill("payments are failing");
  await dialog.getByRole("button", { name: "Stop all deploys" }).click();
  await expect(page.getByTestId("emergency-banner")).toContainText("payments are failing");
  await page.goto("/audit");
  await expect(page.getByTestId("emergency-banner")).toContainText("by admin@e2e.test");

  for (const slug of [idle, rolling, fresh]) expect((await getPipeline(request, slug!)).lock).toMatchObject({ kind: "emergency", reason: "payments are failing" });
  expect((await getPipeline(request, held!)).lock).toMatchObject({ kind: "manual", reason: "db migration" });
  expect((await request.post("/api/emergency-stop", { headers: json, data: { reason: "twice" } })).status()).toBe(409);
  expect((await request.post(`/api/pipelines/${idle}/unlock`, { headers: json, data: {} })).status()).toBe(409);

  const waiting = await sendBuild(request, fresh!);
  await expect.poll(async () => (await getPipeline(request, fresh!)).blocker?.code).toBe("emergency-stop");
  const finished = await eventually(async () => (await getPipeline(request, rolling!)).currentRelease, 40_000);
  expect(finished.state).toBe("succeeded");
  await page.goto(`/pipelines/${fresh}`);
  await expect(page.getByTestId("lock-note")).toContainText("Emergency stop by admin@e2e.test");
  await expect(page.getByTestId("pipeline-actions").getByRole("button", { name: "Unlock" })).toHaveCount(0);
  expect((await getPipeline(request, fresh!)).currentRelease).toBeNull();

  await page.getByRole("button", { name: "Lift emergency stop" }).click();
  await page.getByRole("dialog", { name: "Lift the emergency stop" }).getByRole("button", { name: "Lift emergency stop" }).click();
  await expect(page.getByTestId("emergency-banner")).toBeHidden();
  for (const slug of [idle, rolling, fresh]) expect((await getPipeline(request, slug!)).locked).toBe(false);
  expect((await getPipeline(request, held!)).lock).toMatchObject({ kind: "manual" });
  await eventually(async () => (await liveBuildId(request, fresh!)) === waiting);
  const audit = await (await request.get(`/api/audit?pipeline=${fresh}`, { headers: admin })).json();
  expect(audit.items.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(["emergency-stop", "emergency-stop.lift"]));
});

test("staging → production: production deploys a commit after its 1-minute bake on staging; a rollback on staging during the bake stops it", async ({ page, request }) => {
  test.setTimeout(180_000);
  const staging = uniqueSlug("chain-staging");
  const production = uniqueSlug("chain-production");
  await createPipeline(request, staging, { environment: "staging" });
  const refused = await request.post("/api/pipelines", {
    headers: json, data: { slug: production, name: production, repository: `e2e/${production}`, target: { kind: "simulated", hosts: 2, restartSeconds: 0, failPercent: 0 }, upstream: { slug: "no-such-pipeline", bakeMinutes: 1 } },
  });
  expect((await refused.json()).error).toMatchObject({ code: "bad_request", field: "upstream.slug" });
  await createPipeline(request, production, { upstream: { slug: staging, bakeMinutes: 1 } });

  // One commit, built for both pipelines.
  const first = sha();
  const stagingFirst = await sendBuild(request, staging, { commitSha: first });
  const productionFirst = await sendBuild(request, production, { commitSha: first });
  await eventually(async () => (await liveBuildId(request, staging)) === stagingFirst);
  const baking = await eventually(async () => {
    const blocker = (await getPipeline(request, production)).blocker;
    return blocker?.code === "baking" && blocker;
  });
  const liveOnStaging = Date.parse((await getPipeline(request, staging)).currentRelease.finishedAt);
  expect(Date.parse(baking.until)).toBe(liveOnStaging + 60_000);

  await signIn(page, "deployer");
  await page.goto("/");
  const chain = page.getByTestId("chain").filter({ hasText: production });
  await expect(chain.getByTestId("chain-stage").first()).toContainText(first.slice(0, 7));
  await expect(chain.getByTestId("chain-stage").last()).toContainText("nothing live");
  await expect(chain).toContainText("next: baking");
  expect((await getPipeline(request, production)).currentRelease).toBeNull();
  await eventually(async () => (await liveBuildId(request, production)) === productionFirst, 90_000);
  await page.reload();
  await expect(chain.getByTestId("chain-stage").last()).toContainText(first.slice(0, 7));

  // The next commit goes live on staging and is rolled back there during its bake.
  const second = sha();
  const stagingSecond = await sendBuild(request, staging, { commitSha: second });
  const productionSecond = await sendBuild(request, production, { commitSha: second });
  await eventually(async () => (await liveBuildId(request, staging)) === stagingSecond);
  await expect.poll(async () => (await getPipeline(request, production)).blocker?.code).toBe("baking");
  expect((await request.post(`/api/pipelines/${staging}/rollback`, { headers: json, data: { reason: "error rate up" } })).status()).toBe(201);
  await expect.poll(async () => (await getPipeline(request, production)).blocker?.message).toContain(`was rolled back on ${staging}`);

  // A person may still promote it, with a reason: the dialog says what CD waits for.
  const noReason = await request.post(`/api/pipelines/${production}/promote`, { headers: json, data: { buildId: productionSecond } });
  expect(noReason.status()).toBe(400);
  expect((await noReason.json()).error).toMatchObject({ field: "reason" });
  await page.goto(`/pipelines/${production}`);
  await page.locator(`[data-testid="build-row"][data-build-id="${productionSecond}"]`).getByRole("button", { name: /Deploy this build/ }).last().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("promote-guardrails")).toContainText(`was rolled back on ${staging}`);
  await expect(dialog.getByRole("button", { name: /^Deploy build/ })).toBeDisabled();
  await page.keyboard.press("Escape");
  expect((await getPipeline(request, production)).currentRelease.build.id).toBe(productionFirst);
});
