import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, createPipeline, eventually, liveBuildId, uniqueSlug } from "./api";
import { signIn } from "./auth";
import { E2E_WEBHOOK_SECRET } from "./env";

const fixture = (path: string) => fs.readFileSync(`lib/webhooks/fixtures/${path}.json`, "utf8");
const hmac = (data: string) => createHmac("sha256", E2E_WEBHOOK_SECRET).update(data).digest("hex");

/** Each provider's own headers and signature scheme, as CI would send them. */
const signers = {
  buildkite: (body: string, at = new Date()) => {
    const t = Math.floor(at.getTime() / 1000);
    return { "X-Buildkite-Event": "build.finished", "X-Buildkite-Signature": `timestamp=${t},signature=${hmac(`${t}.${body}`)}` };
  },
  github: (body: string) => ({ "X-GitHub-Event": "workflow_run", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": `sha256=${hmac(body)}` }),
  gitlab: () => ({ "X-Gitlab-Event": "Pipeline Hook", "X-Gitlab-Token": E2E_WEBHOOK_SECRET }),
  generic: (body: string) => ({ "X-Shipboard-Signature": `sha256=${hmac(body)}` }),
};

async function deliver(request: APIRequestContext, provider: keyof typeof signers, body: string, query = "", headers?: Record<string, string>) {
  return request.post(`/api/webhooks/${provider}${query}`, {
    headers: { "Content-Type": "application/json", ...(headers ?? signers[provider](body)) },
    data: body,
  });
}

const cases = [
  { provider: "buildkite", file: "buildkite/build-finished-passed", branch: "main", repository: "my-great-org/my-pipeline", byQuery: true },
  { provider: "github", file: "github/workflow_run-completed-success", branch: "master", repository: "octo-org/octo-repo" },
  { provider: "gitlab", file: "gitlab/pipeline-success", branch: "master", repository: "gitlab-org/gitlab-test" },
  { provider: "generic", file: "generic/passed", branch: "main", repository: "acme/web", byQuery: true },
] as const;

for (const c of cases) {
  test(`a green ${c.provider} build arrives by webhook, shows in the builds list and deploys by itself`, async ({ request }) => {
    const slug = uniqueSlug(c.provider);
    await createPipeline(request, slug, { branch: c.branch, repository: c.repository });
    const body = fixture(c.file);
    const response = await deliver(request, c.provider, body, "byQuery" in c ? `?pipeline=${slug}` : "");
    expect(response.status(), await response.text()).toBe(200);
    const buildId = (await response.json()).builds[0].buildId;

    const again = await deliver(request, c.provider, body, "byQuery" in c ? `?pipeline=${slug}` : "");
    expect((await again.json()).builds[0].buildId).toBe(buildId);
    await eventually(async () => (await liveBuildId(request, slug)) === buildId);
  });
}

test("a build of a pull request links to it on the build page and in the builds list", async ({ page, request }) => {
  const slug = uniqueSlug("pr");
  await createPipeline(request, slug, { branch: "master", repository: "octo-org/octo-repo" });
  const payload = JSON.parse(fixture("github/workflow_run-completed-success"));
  payload.workflow_run.id = Date.now();
  payload.workflow_run.pull_requests = [{ url: "https://api.github.com/repos/octo-org/octo-repo/pulls/7", number: 7 }];
  const response = await deliver(request, "github", JSON.stringify(payload));
  expect(response.status(), await response.text()).toBe(200);
  const buildId = (await response.json()).builds[0].buildId;

  await signIn(page, "viewer");
  await page.goto(`/builds/${buildId}`);
  await expect(page.getByRole("link", { name: "pull request #7" })).toHaveAttribute("href", "https://github.com/octo-org/octo-repo/pull/7");
  await page.screenshot({ path: "e2e/artifacts/build-pull-request.png" });
  await page.goto(`/pipelines/${slug}`);
  await expect(page.getByRole("link", { name: "pull request #7" }).first()).toBeVisible();
});

test("webhooks refuse a wrong signature, a tampered body and a stale Buildkite timestamp with 401", async ({ request }) => {
  const body = fixture("generic/passed");
  expect((await deliver(request, "generic", body, "", { "X-Shipboard-Signature": "sha256=00" })).status()).toBe(401);
  const tampered = body.replace("main", "evil");
  expect((await deliver(request, "generic", tampered, "", signers.generic(body))).status()).toBe(401);
  const kite = fixture("buildkite/build-finished-passed");
  const stale = await deliver(request, "buildkite", kite, "", signers.buildkite(kite, new Date(Date.now() - 6 * 60_000)));
  expect(stale.status()).toBe(401);
  expect((await stale.json()).error.code).toBe("unauthorized");
});

test("an event for no known pipeline, or of a type not recorded, gets 202 and changes nothing", async ({ request }) => {
  const unmatched = await deliver(request, "generic", fixture("generic/passed").replace("Acme/Web", "nobody/nothing"));
  expect(unmatched.status()).toBe(202);
  const push = fixture("github/push");
  const ignored = await deliver(request, "github", push, "", { ...signers.github(push), "X-GitHub-Event": "push" });
  expect(ignored.status()).toBe(202);
});

test("the Connect CI panel shows admins the webhook URLs, the secret's state (never its value) and the last deliveries; viewers see none of it", async ({ page, request, browser }) => {
  const slug = uniqueSlug("connect");
  const secret = `connect-${randomUUID()}`;
  await createPipeline(request, slug, { repository: "acme/connect", webhookSecret: secret, ciWorkflows: ["tests"] });
  const body = JSON.stringify({ externalId: "c-1", commitSha: "abcdef1", branch: "main", state: "passed", repository: "acme/connect", workflow: "tests" });
  const sign = (key: string) => ({ "X-Shipboard-Signature": `sha256=${createHmac("sha256", key).update(body).digest("hex")}` });
  expect((await deliver(request, "generic", body, `?pipeline=${slug}`, sign(E2E_WEBHOOK_SECRET))).status()).toBe(401);
  expect((await deliver(request, "generic", body, `?pipeline=${slug}`, sign(secret))).status()).toBe(200);

  const api = await request.get(`/api/pipelines/${slug}/connect-ci`, { headers: admin });
  expect(api.status()).toBe(200);
  const ci = await api.json();
  expect(ci.secret).toBe("pipeline");
  expect(ci.webhooks.map((w: { url: string }) => w.url)).toContain(`${new URL(api.url()).origin}/api/webhooks/github?pipeline=${slug}`);
  expect(ci.deliveries.map((d: { outcome: string; status: number }) => [d.outcome, d.status])).toEqual([["recorded", 200], ["refused", 401]]);
  expect(JSON.stringify(ci)).not.toContain(secret);

  await signIn(page, "admin");
  await page.goto(`/pipelines/${slug}`);
  const panel = page.getByTestId("connect-ci");
  await expect(panel.getByTestId("secret-state")).toHaveText(/own secret is set/);
  await expect(panel.getByTestId("webhook-url")).toHaveCount(4);
  await expect(panel.getByTestId("delivery-row")).toHaveCount(2);
  await expect(panel.getByTestId("delivery-row").nth(1)).toContainText("does not match the body");
  expect(await page.content()).not.toContain(secret);

  const viewer = await browser.newPage();
  await signIn(viewer, "viewer");
  await viewer.goto(`/pipelines/${slug}`);
  await expect(viewer.getByTestId("builds")).toBeVisible();
  await expect(viewer.getByTestId("connect-ci")).toHaveCount(0);
  const token = await (await request.post("/api/tokens", { headers: admin, data: { name: "ci-viewer", role: "viewer" } })).json();
  expect((await request.get(`/api/pipelines/${slug}/connect-ci`, { headers: { Authorization: `Bearer ${token.token}` } })).status()).toBe(403);
  await viewer.close();
});
