import { expect, test } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, uniqueSlug } from "./api";

test.describe.configure({ mode: "serial" });

test("the SPEC flow over HTTP: deploy, lock, unlock, rollback, promote, metrics and audit", async ({ request }) => {
  const slug = uniqueSlug("flow");
  await createPipeline(request, slug);

  // A green build goes out to every host by itself.
  const first = await sendBuild(request, slug, { message: "First change" });
  await eventually(async () => (await liveBuildId(request, slug)) === first);
  const deployed = await getPipeline(request, slug);
  expect(deployed.hosts).toHaveLength(8);
  expect(deployed.hosts.every((h: { releaseId: number }) => h.releaseId === deployed.currentRelease.id)).toBe(true);
  expect(deployed.blocker).toBeNull();

  // Lock needs a reason; a second lock is a conflict.
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: {} })).status()).toBe(400);
  const locked = await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "investigating error spike" } });
  expect(locked.status()).toBe(200);
  expect((await locked.json()).lock).toMatchObject({ reason: "investigating error spike", kind: "manual" });
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "again" } })).status()).toBe(409);

  // The next green build waits while locked, and the blocker says why.
  const second = await sendBuild(request, slug, { message: "Second change" });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const waiting = await getPipeline(request, slug);
  expect(waiting.currentRelease.build.id).toBe(first);
  expect(waiting.activeRelease).toBeNull();
  expect(waiting.blocker).toMatchObject({ code: "locked" });
  expect(waiting.blocker.message).toContain("investigating error spike");

  // Unlock lets it go; unlocking again changes nothing.
  // A write without a JSON body is a 415, even where every field is optional.
  expect((await request.post(`/api/pipelines/${slug}/unlock`, { headers: admin })).status()).toBe(415);
  expect((await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin })).status()).toBe(415);
  expect((await request.post(`/api/pipelines/${slug}/unlock`, { headers: admin, data: {} })).status()).toBe(200);
  await eventually(async () => (await liveBuildId(request, slug)) === second);
  const again = await request.post(`/api/pipelines/${slug}/unlock`, { headers: admin, data: {} });
  expect(again.status()).toBe(200);
  expect((await again.json()).changed).toBe(false);

  // Rollback goes back to the previous good build and locks the pipeline.
  const rollback = await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: { reason: "checkout errors" } });
  expect(rollback.status(), await rollback.text()).toBe(201);
  expect(await rollback.json()).toMatchObject({ kind: "rollback", build: { id: first } });
  await eventually(async () => (await liveBuildId(request, slug)) === first);
  const rolledBack = await getPipeline(request, slug);
  expect(rolledBack.lock).toMatchObject({ kind: "rollback" });
  expect(rolledBack.blocker).toMatchObject({ code: "rolled-back" });

  // Promote deploys a chosen green build even while locked.
  const promoted = await request.post(`/api/pipelines/${slug}/promote`, { headers: admin, data: { buildId: second } });
  expect(promoted.status(), await promoted.text()).toBe(201);
  await eventually(async () => (await liveBuildId(request, slug)) === second);

  // Metrics and audit reflect all of it.
  // The daily rollup is refreshed by a worker once each release's transaction has committed: moments later.
  const totals = async () => (await (await request.get(`/api/metrics?pipeline=${slug}`, { headers: admin })).json()).totals;
  await eventually(async () => (await totals()).deploys === 3);
  expect(await totals()).toMatchObject({ deploys: 3, failed: 0, rollbacks: 1 });
  const audit = await (await request.get(`/api/audit?pipeline=${slug}&limit=100`, { headers: admin })).json();
  const actions = audit.items.map((event: { action: string }) => event.action);
  for (const action of ["pipeline.create", "deploy", "lock", "unlock", "rollback", "promote"]) expect(actions).toContain(action);
  expect(actions.filter((a: string) => a === "lock")).toHaveLength(1);
});

test("rollback while a release is rolling out supersedes it and starts at once", async ({ request }) => {
  const slug = uniqueSlug("supersede");
  // Hosts take 2 s to restart, so the second rollout is still running when we roll back.
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 8, restartSeconds: 2 } });
  const good = await sendBuild(request, slug);
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);

  await sendBuild(request, slug);
  const running = await eventually(async () => {
    const active = (await getPipeline(request, slug)).activeRelease;
    return active?.state === "running" ? active : null;
  });
  const response = await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: {} });
  expect(response.status(), await response.text()).toBe(201);
  const superseded = await (await request.get(`/api/releases/${running.id}`, { headers: admin })).json();
  expect(superseded.state).toBe("superseded");
  await eventually(async () => (await liveBuildId(request, slug)) === good, 45_000);
});

test("promote refuses another pipeline's build (404) and a failed build (409)", async ({ request }) => {
  const slug = uniqueSlug("promote");
  const other = uniqueSlug("other");
  await createPipeline(request, slug);
  await createPipeline(request, other);
  const foreign = await sendBuild(request, other);
  const failed = await sendBuild(request, slug, { state: "failed" });
  expect((await request.post(`/api/pipelines/${slug}/promote`, { headers: admin, data: { buildId: foreign } })).status()).toBe(404);
  expect((await request.post(`/api/pipelines/${slug}/promote`, { headers: admin, data: { buildId: failed } })).status()).toBe(409);
  const nothing = await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: {} });
  expect(nothing.status()).toBe(409);
  expect((await nothing.json()).error.code).toBe("conflict");
});

test("the API refuses callers without identity (401) or below the role (403)", async ({ request }) => {
  const slug = uniqueSlug("authz");
  await createPipeline(request, slug);
  expect((await request.get("/api/pipelines")).status()).toBe(401);
  const token = await request.post("/api/tokens", { headers: admin, data: { name: "viewer-bot", role: "viewer" } });
  expect(token.status()).toBe(201);
  const viewer = { Authorization: `Bearer ${(await token.json()).token}` };
  expect((await request.get("/api/pipelines", { headers: viewer })).status()).toBe(200);
  const refused = await request.post(`/api/pipelines/${slug}/lock`, { headers: viewer, data: { reason: "nope" } });
  expect(refused.status()).toBe(403);
  expect((await getPipeline(request, slug)).locked).toBe(false);
});

test("bad input gets a clear 4xx JSON error", async ({ request }) => {
  const slug = uniqueSlug("input");
  await createPipeline(request, slug);
  const notJson = await request.post(`/api/pipelines/${slug}/lock`, { headers: { ...admin, "Content-Type": "text/plain" }, data: "reason" });
  expect(notJson.status()).toBe(415);
  const tooBig = await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "x".repeat(1_100_000) } });
  expect(tooBig.status()).toBe(413);
  const control = await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "bad\u0007bell" } });
  expect(control.status()).toBe(400);
  expect((await control.json()).error).toMatchObject({ code: "bad_request", field: "reason" });
  const badSlug = await request.post("/api/pipelines", { headers: admin, data: { slug: "Bad Slug", name: "x", repository: "a/b", target: { kind: "simulated", hosts: 1 } } });
  expect(badSlug.status()).toBe(400);
  expect((await request.get("/api/pipelines/does-not-exist", { headers: admin })).status()).toBe(404);
  expect((await request.get("/api/releases/abc", { headers: admin })).status()).toBe(400);
});
