import { execFile } from "node:child_process";
import { expect, test } from "@playwright/test";
import { admin, createPipeline, getPipeline, sendBuild, sha, uniqueSlug } from "./api";
import { E2E_ADMIN_TOKEN, E2E_BASE_URL, E2E_METRICS_TOKEN } from "./env";

/** `npx shipboard` against the running server: exit codes 0 ok, 1 refused, 2 server or network error; --json prints the API's JSON. */
test.describe.configure({ mode: "serial" });

type Run = { code: number; stdout: string; stderr: string };

function shipboard(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/shipboard.mjs", ...args],
      { env: { ...process.env, SHIPBOARD_URL: E2E_BASE_URL, SHIPBOARD_TOKEN: E2E_ADMIN_TOKEN, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 2) : 0, stdout, stderr }),
    );
  });
}

const quick = { target: { kind: "simulated", hosts: 4, restartSeconds: 1, checkSeconds: 0.2, stepTimeoutSeconds: 30 }, batchPercent: 50 };

test("status, lock, unlock and releases answer with exit 0 and the API's JSON; refusals exit 1", async ({ request }) => {
  const slug = uniqueSlug("cli");
  await createPipeline(request, slug, quick);

  const status = await shipboard(["status", slug, "--json"]);
  expect(status.code).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ slug, locked: false });
  expect((await shipboard(["status"])).stdout).toContain(slug);

  const lock = await shipboard(["lock", slug, "--reason", "cli test"]);
  expect(lock.code).toBe(0);
  expect(lock.stdout).toContain("locked:   by admin");
  const again = await shipboard(["lock", slug, "--reason", "twice", "--json"]);
  expect(again.code).toBe(1);
  expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: "conflict" } });
  expect((await shipboard(["lock", slug])).code).toBe(1); // --reason is required
  expect((await shipboard(["lock", "no-such-pipeline", "--reason", "x"])).code).toBe(1);
  expect((await shipboard(["unlock", slug])).code).toBe(0);
  expect((await getPipeline(request, slug)).locked).toBe(false);

  const releases = await shipboard(["releases", slug, "--json"]);
  expect(releases.code).toBe(0);
  expect(JSON.parse(releases.stdout)).toEqual({ items: [], nextCursor: null });
  expect((await shipboard(["status", slug], { SHIPBOARD_TOKEN: "not-a-token" })).code).toBe(1);
});

test("a server that cannot be reached exits 2", async () => {
  const run = await shipboard(["status"], { SHIPBOARD_URL: "http://127.0.0.1:9" });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("cannot reach Shipboard");
});

test("watch follows a rollout to success (exit 0) and a failing one to failure (exit 1); commit says where a change is", async ({ request }) => {
  const slug = uniqueSlug("cli-watch");
  await createPipeline(request, slug, { ...quick, autoDeploy: false });
  const commitSha = sha();
  const buildId = await sendBuild(request, slug, { commitSha, message: "CLI change" });

  const promote = await shipboard(["promote", slug, String(buildId), "--reason", "ship it"]);
  expect(promote.code).toBe(0);
  const watched = await shipboard(["watch", slug]);
  expect(watched.code).toBe(0);
  expect(watched.stdout).toMatch(/Batch 2 of 2 +\[#{24}\] +2\/2 hosts {2}succeeded/);
  expect(watched.stdout).toContain("succeeded");

  const commit = await shipboard(["commit", commitSha.slice(0, 10), "--json"]);
  expect(commit.code).toBe(0);
  expect(JSON.parse(commit.stdout)).toMatchObject({ sha: commitSha, pipelines: [{ slug, state: "live", hostsOn: 4, hostsTotal: 4 }] });
  expect((await shipboard(["commit", commitSha.slice(0, 10)])).stdout).toContain(`${slug}: live · Live since`);
  expect((await shipboard(["commit", "xyz"])).code).toBe(1);

  const failing = uniqueSlug("cli-fail");
  await createPipeline(request, failing, { target: { kind: "simulated", hosts: 2, restartSeconds: 1, failPercent: 100, checkSeconds: 0.2, stepTimeoutSeconds: 2 }, autoDeploy: false });
  const bad = await sendBuild(request, failing);
  expect((await shipboard(["promote", failing, String(bad)])).code).toBe(0);
  const failed = await shipboard(["watch", failing, "--json"]);
  expect(failed.code).toBe(1);
  expect(JSON.parse(failed.stdout.trim().split("\n").at(-1)!)).toMatchObject({ state: "failed" });
});

test("the badge is cacheable (ETag, 304) and needs a viewer unless badges are public", async ({ request }) => {
  const slug = uniqueSlug("badge");
  await createPipeline(request, slug, quick);
  expect((await request.get(`/api/pipelines/${slug}/badge.svg`)).status()).toBe(401);
  const badge = await request.get(`/api/pipelines/${slug}/badge.svg`, { headers: admin });
  expect(badge.status()).toBe(200);
  expect(badge.headers()["content-type"]).toContain("image/svg+xml");
  expect(await badge.text()).toContain("no release");
  const etag = badge.headers().etag!;
  const cached = await request.get(`/api/pipelines/${slug}/badge.svg`, { headers: { ...admin, "If-None-Match": etag } });
  expect(cached.status()).toBe(304);
  await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "badge" } });
  const locked = await request.get(`/api/pipelines/${slug}/badge.svg`, { headers: { ...admin, "If-None-Match": etag } });
  expect(locked.status()).toBe(200);
  expect(await locked.text()).toContain(">locked<");
  expect((await request.get(`/api/pipelines/no-such/badge.svg`, { headers: admin })).status()).toBe(404);
});

test("/metrics answers Prometheus text to SHIPBOARD_METRICS_TOKEN or a viewer token, 401 otherwise; a browser gets the page", async ({ request }) => {
  expect((await request.get("/metrics", { headers: { Accept: "*/*" } })).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(401);
  for (const token of [E2E_METRICS_TOKEN, E2E_ADMIN_TOKEN]) {
    const scrape = await request.get("/metrics", { headers: { Authorization: `Bearer ${token}` } });
    expect(scrape.status()).toBe(200);
    expect(scrape.headers()["content-type"]).toContain("text/plain");
    const text = await scrape.text();
    expect(text).toContain("# TYPE shipboard_deploys_total counter");
    expect(text).toContain("# TYPE shipboard_release_duration_seconds histogram");
    expect(text).toMatch(/shipboard_hosts\{pipeline="[a-z0-9-]+",state="healthy"\} \d+/);
  }
  // The dashboard page at the same path keeps working: navigations and the router's RSC fetches go to Next.js.
  for (const headers of [{ Accept: "text/html" }, { Accept: "*/*", RSC: "1" }] as Record<string, string>[]) {
    const page = await request.get("/metrics", { headers, maxRedirects: 0 });
    expect(page.status()).not.toBe(401);
    expect(page.headers()["content-type"] ?? "").not.toContain("text/plain");
  }
});
