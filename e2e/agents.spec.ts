import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, sendBuild, uniqueSlug } from "./api";

const json = { "Content-Type": "application/json" };

async function agentToken(request: APIRequestContext, pipeline: string): Promise<string> {
  const response = await request.post("/api/tokens", { headers: admin, data: { name: `agents-${pipeline}`, role: "agent", pipeline } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).token;
}

/** A tiny agent: reports what it runs, switches to what the answer names. */
async function heartbeat(request: APIRequestContext, token: string, pipeline: string, host: string, release: number | null) {
  const response = await request.post("/api/agent/heartbeat", {
    headers: { Authorization: `Bearer ${token}`, ...json },
    data: { pipeline, host, release, healthy: true },
  });
  expect(response.status(), await response.text()).toBe(200);
  const answer = await response.json();
  expect(answer.next).toBeGreaterThan(0);
  return (answer.release?.id ?? null) as number | null;
}

test("an agents pipeline rolls out through real heartbeats, batch by batch", async ({ request }) => {
  test.setTimeout(90_000);
  const slug = uniqueSlug("agents");
  await createPipeline(request, slug, { target: { kind: "agents", stepTimeoutSeconds: 60 }, batchPercent: 50 });
  const token = await agentToken(request, slug);
  const hosts = ["a-1", "a-2", "a-3", "a-4"];
  const running = new Map<string, number | null>(hosts.map((h) => [h, null]));
  for (const host of hosts) await heartbeat(request, token, slug, host, null); // register

  const buildId = await sendBuild(request, slug);
  await eventually(async () => {
    for (const host of hosts) running.set(host, await heartbeat(request, token, slug, host, running.get(host) ?? null));
    const pipeline = await getPipeline(request, slug);
    return pipeline.activeRelease === null && pipeline.currentRelease?.build.id === buildId;
    // Alone it takes about 5 s; next to the 200-process fleet test in the other worker, up to 35 s were seen.
  }, 60_000);
  const pipeline = await getPipeline(request, slug);
  expect(pipeline.hosts.map((h: { releaseId: number }) => h.releaseId)).toEqual(hosts.map(() => pipeline.currentRelease.id));
  expect(pipeline.currentRelease.steps.filter((s: { kind: string }) => s.kind === "batch")).toHaveLength(2);
});

test("only an agent token of the pipeline heartbeats for it; agent tokens open nothing else", async ({ request }) => {
  const slug = uniqueSlug("hb-auth");
  const other = uniqueSlug("hb-auth-other");
  await createPipeline(request, slug, { target: { kind: "agents" } });
  await createPipeline(request, other, { target: { kind: "agents" } });
  const mine = await agentToken(request, slug);
  const theirs = await agentToken(request, other);
  const viewer = await (await request.post("/api/tokens", { headers: admin, data: { name: "hb-viewer", role: "viewer" } })).json();
  const body = { pipeline: slug, host: "x", release: null, healthy: true };
  const send = (headers: Record<string, string>, data: unknown = body) => request.post("/api/agent/heartbeat", { headers: { ...json, ...headers }, data });

  expect((await send({})).status()).toBe(401);
  expect((await send({ Authorization: "Bearer sb_not-a-token" })).status()).toBe(401);
  for (const headers of [admin, { Authorization: `Bearer ${viewer.token}` }, { Authorization: `Bearer ${theirs}` }]) {
    const refused = await send(headers);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
  }
  expect((await send({ Authorization: `Bearer ${mine}` })).status()).toBe(200);
  expect((await request.get(`/api/pipelines/${slug}`, { headers: { Authorization: `Bearer ${mine}` } })).status()).toBe(403);
  expect((await request.get("/api/agent/heartbeat", { headers: admin })).status()).toBe(405);
  expect((await (await getPipeline(request, other)).hosts).length).toBe(0);
});

test("agent tokens need a pipeline; a non-agents pipeline answers heartbeats 409", async ({ request }) => {
  const noPipeline = await request.post("/api/tokens", { headers: admin, data: { name: "a", role: "agent" } });
  expect(noPipeline.status()).toBe(400);
  expect((await noPipeline.json()).error.field).toBe("pipeline");
  expect((await request.post("/api/tokens", { headers: admin, data: { name: "a", role: "viewer", pipeline: "web" } })).status()).toBe(400);
  expect((await request.post("/api/tokens", { headers: admin, data: { name: "a", role: "agent", pipeline: "no-such-pipeline" } })).status()).toBe(404);

  const slug = uniqueSlug("hb-sim");
  await createPipeline(request, slug);
  const token = await agentToken(request, slug);
  const response = await request.post("/api/agent/heartbeat", {
    headers: { Authorization: `Bearer ${token}`, ...json },
    data: { pipeline: slug, host: "x", release: null, healthy: true },
  });
  expect(response.status()).toBe(409);
  expect((await getPipeline(request, slug)).hosts.every((h: { name: string }) => h.name !== "x")).toBe(true);
});

test("bad heartbeats get a clear 4xx and write nothing", async ({ request }) => {
  const slug = uniqueSlug("hb-bad");
  await createPipeline(request, slug, { target: { kind: "agents" } });
  const token = await agentToken(request, slug);
  const auth = { Authorization: `Bearer ${token}` };
  const cases: [string, Record<string, string>, string | object, number, string?][] = [
    ["malformed JSON", json, "{nope", 400],
    ["healthy not a boolean", json, { pipeline: slug, host: "x", healthy: "yes" }, 400, "healthy"],
    ["a 10,000-character host name", json, { pipeline: slug, host: "h".repeat(10_000), healthy: true }, 400, "host"],
    ["wait over 30 s", json, { pipeline: slug, host: "x", healthy: true, wait: 31 }, 400, "wait"],
    ["a body over 16 KB", json, { pipeline: slug, host: "x", healthy: true, pad: "p".repeat(20_000) }, 413],
    ["not JSON", { "Content-Type": "text/plain" }, "hello", 415],
  ];
  for (const [name, headers, data, status, field] of cases) {
    const response = await request.post("/api/agent/heartbeat", { headers: { ...auth, ...headers }, data: typeof data === "string" ? data : JSON.stringify(data) });
    expect(response.status(), name).toBe(status);
    const error = (await response.json()).error;
    expect(error.message, name).toBeTruthy();
    if (field) expect(error.field, name).toBe(field);
  }
  expect((await getPipeline(request, slug)).hosts).toEqual([]);
});

test("attack: a revoked agent token stops working on the heartbeat path within 1 s; an expired one stops too", async ({ request }) => {
  const slug = uniqueSlug("revoke");
  await createPipeline(request, slug, { target: { kind: "agents", stepTimeoutSeconds: 60 } });
  const created = await request.post("/api/tokens", { headers: admin, data: { name: "revoked-agent", role: "agent", pipeline: slug } });
  const { id, token } = await created.json();
  const beat = async (bearer: string) =>
    (await request.post("/api/agent/heartbeat", { headers: { Authorization: `Bearer ${bearer}`, ...json }, data: { pipeline: slug, host: "r-1", release: null, healthy: true } })).status();
  expect(await beat(token)).toBe(200); // cached as allowed
  expect((await request.delete(`/api/tokens/${id}`, { headers: admin })).status()).toBe(200);
  const revokedAt = Date.now();
  // Every heartbeat sent 1 s or more after the revocation is refused, whatever the machine's load does to answer times.
  const late: number[] = [];
  while (Date.now() - revokedAt < 1600) {
    const sentAt = Date.now();
    const status = await beat(token);
    if (sentAt - revokedAt >= 1000) late.push(status);
  }
  expect(late.length).toBeGreaterThan(0);
  expect(late.every((status) => status === 401), `statuses after 1 s: ${late.join(", ")}`).toBe(true);

  const expiresAt = Date.now() + 4000;
  const short = await (await request.post("/api/tokens", { headers: admin, data: { name: "short-agent", role: "agent", pipeline: slug, expiresAt: new Date(expiresAt).toISOString() } })).json();
  expect(await beat(short.token)).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt + 700 - Date.now())));
  expect(await beat(short.token)).toBe(401);
});
