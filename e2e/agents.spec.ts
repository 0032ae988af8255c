import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, sendBuild, uniqueSlug } from "./api";

/** A tiny agent: reports what it runs, switches to what the answer names. */
async function heartbeat(request: APIRequestContext, token: string, pipeline: string, host: string, release: number | null) {
  const response = await request.post("/api/agent/heartbeat", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { pipeline, host, release, healthy: true },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()).release?.id ?? null) as number | null;
}

test("an agents pipeline rolls out through real heartbeats, batch by batch", async ({ request }) => {
  const slug = uniqueSlug("agents");
  await createPipeline(request, slug, { target: { kind: "agents", stepTimeoutSeconds: 60 }, batchPercent: 50 });
  const { token } = await (await request.post("/api/tokens", { headers: admin, data: { name: "agents", role: "agent" } })).json();
  const hosts = ["a-1", "a-2", "a-3", "a-4"];
  const running = new Map<string, number | null>(hosts.map((h) => [h, null]));
  for (const host of hosts) await heartbeat(request, token, slug, host, null); // register

  const buildId = await sendBuild(request, slug);
  await eventually(async () => {
    for (const host of hosts) running.set(host, await heartbeat(request, token, slug, host, running.get(host) ?? null));
    const pipeline = await getPipeline(request, slug);
    return pipeline.activeRelease === null && pipeline.currentRelease?.build.id === buildId;
  });
  const pipeline = await getPipeline(request, slug);
  expect(pipeline.hosts.map((h: { releaseId: number }) => h.releaseId)).toEqual(hosts.map(() => pipeline.currentRelease.id));
  expect(pipeline.currentRelease.steps.filter((s: { kind: string }) => s.kind === "batch")).toHaveLength(2);
});

test("heartbeats need an agent token and valid JSON", async ({ request }) => {
  const body = { pipeline: "web", host: "x", release: null, healthy: true };
  expect((await request.post("/api/agent/heartbeat", { data: body })).status()).toBe(401);
  const viewer = await (await request.post("/api/tokens", { headers: admin, data: { name: "hb-viewer", role: "viewer" } })).json();
  expect((await request.post("/api/agent/heartbeat", { headers: { Authorization: `Bearer ${viewer.token}` }, data: body })).status()).toBe(401);
  // SHIPBOARD_ADMIN_TOKEN is for automation, never an agent's token.
  expect((await request.post("/api/agent/heartbeat", { headers: admin, data: body })).status()).toBe(401);
  const agent = await (await request.post("/api/tokens", { headers: admin, data: { name: "hb-agent", role: "agent" } })).json();
  const bad = await request.post("/api/agent/heartbeat", { headers: { Authorization: `Bearer ${agent.token}` }, data: { ...body, healthy: "yes" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.field).toBe("healthy");
  expect((await request.get("/api/agent/heartbeat", { headers: { Authorization: `Bearer ${agent.token}` } })).status()).toBe(405);
});

test("attack: a revoked agent token stops working on the heartbeat path within 1 s", async ({ request }) => {
  const slug = uniqueSlug("revoke");
  await createPipeline(request, slug, { target: { kind: "agents", stepTimeoutSeconds: 60 } });
  const { id, token } = await (await request.post("/api/tokens", { headers: admin, data: { name: "revoked-agent", role: "agent" } })).json();
  await heartbeat(request, token, slug, "r-1", null); // cached as allowed
  expect((await request.delete(`/api/tokens/${id}`, { headers: admin })).status()).toBe(200);
  const revokedAt = Date.now();
  let status = 200;
  while (status === 200 && Date.now() - revokedAt < 3000) {
    status = (await request.post("/api/agent/heartbeat", {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      data: { pipeline: slug, host: "r-1", release: null, healthy: true },
    })).status();
  }
  expect(status).toBe(401);
  expect(Date.now() - revokedAt).toBeLessThan(1000);
});
