import pg from "pg";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { adminApi, benchPipeline, SimulatedFleet, until } from "../bench/lib/fleet";
import { PRISMA_ADVISORY_LOCK, readMigrations } from "../lib/db/migrate";
import { buildIsStale } from "../server/build";
import { createTestDatabase } from "../test/database";
import { alive } from "../test/worker-process";
import { admin, createPipeline, eventually, getPipeline, sendBuild, uniqueSlug } from "./api";
import { startNode, type ClusterNode } from "./cluster-node";
import { E2E_ADMIN_TOKEN, E2E_USERS, E2E_WORKERS, e2ePortOf } from "./env";

/**
 * SPEC "Cluster": two nodes, each a web server with its worker and its own
 * data dir, on one new Postgres, talking real HTTP on loopback. The tests run
 * in order on the same two nodes (starting a Next.js server is the expensive
 * part); the last one kills a node.
 */
test.describe.configure({ mode: "serial", timeout: 60_000 });

let database: { url: string; drop(): Promise<void> } | null = null;
let sql: pg.Pool;
let nodes: ClusterNode[] = [];
/** One request context per node, without credentials of its own. */
let http: APIRequestContext[] = [];

const activeReleases = async (slug: string) =>
  (await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId" WHERE p.slug = $1 AND r.state IN ('pending', 'running')`,
    [slug],
  )).rows[0]!.n;

test.beforeAll(async () => {
  // Both nodes would otherwise start `next build` into the same .next at once.
  expect(buildIsStale(), "the production build is older than the sources").toBe(false);
  database = await createTestDatabase({ empty: true });
  sql = new pg.Pool({ connectionString: database.url, max: 3 });
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(nodes.map((node) => node.output()).join("\n"));
});

test.afterAll(async () => {
  await Promise.all(nodes.map((node) => node.kill()));
  await Promise.all(http.map((context) => context.dispose()));
  await sql?.end();
  await database?.drop();
});

test("two nodes started at the same moment on a new database both come up, each migration and the first admin made once", async () => {
  // Held until both nodes wait for it, so their start-ups meet at the very first step.
  const gate = await sql.connect();
  await gate.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
  // Ports past every e2e server's (e2e/env.ts), whichever worker runs this file.
  const port = e2ePortOf(E2E_WORKERS);
  nodes = [startNode("a", port + 1, database!.url), startNode("b", port + 2, database!.url)];
  try {
    await eventually(async () => {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.objid = $1 AND NOT l.granted`,
        [PRISMA_ADVISORY_LOCK],
      );
      return rows[0].n === 2;
    }, 30_000);
  } finally {
    await gate.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
    gate.release();
  }
  await Promise.all(nodes.map((node) => node.ready()));
  http = await Promise.all(nodes.map((node) => playwrightRequest.newContext({ baseURL: node.url })));

  const { rows: migrations } = await sql.query(
    `SELECT migration_name AS name, count(*)::int AS times FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY 1`,
  );
  expect(migrations.sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual(readMigrations().map((migration) => ({ name: migration.name, times: 1 })));
  const { rows } = await sql.query(`
    SELECT (SELECT count(*)::int FROM "User" WHERE role = 'admin') AS admins,
      (SELECT count(*)::int FROM "AuditEvent" WHERE action = 'user.create') AS "adminsCreated",
      (SELECT count(*)::int FROM "InstanceSecret" WHERE name = 'auth-secret') AS "authSecrets"`);
  expect(rows[0]).toEqual({ admins: 1, adminsCreated: 1, authSecrets: 1 });
  // Each node's worker joined the job queue the nodes installed.
  for (const node of nodes) await eventually(async () => node.printed('"worker started"'), 20_000);
});

test("a session signed in on one node works on the other (AUTH_SECRET unset), and signing out on one ends it on both", async () => {
  const [a, b] = http as [APIRequestContext, APIRequestContext];
  const { csrfToken } = await (await a.get("/api/auth/csrf")).json();
  const { email, password } = E2E_USERS.admin;
  await a.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  const cookie = (await a.storageState()).cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "signed in on node a").toBeDefined();
  const session = { Cookie: `${cookie!.name}=${cookie!.value}` };

  // An admin-only read, and a write from node b's own page origin.
  expect((await b.get("/api/users", { headers: session })).status()).toBe(200);
  const slug = uniqueSlug("session");
  await createPipeline(a, slug);
  const lock = await b.post(`/api/pipelines/${slug}/lock`, { headers: { ...session, Origin: nodes[1]!.url }, data: { reason: "session from node a" } });
  expect(lock.status(), await lock.text()).toBe(200);

  await a.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect((await b.get("/api/users", { headers: session })).status()).toBe(401);
  expect((await a.get("/api/users", { headers: session })).status()).toBe(401);
});

/**
 * SPEC's action latency (rollback request → first batch told, p99 < 300 ms)
 * is bench/rollback-latency.ts's figure on a quiet machine. Here, on a machine
 * shared with the rest of the suite, the request's own time varies with load,
 * so what is checked is what the cluster adds: hosts long-polling node b hear
 * of node a's rollback within 300 ms of node a answering it.
 */
test("a rollback on one node reaches agents long-polling the other node within 300 ms of its answer", async () => {
  const [a, b] = nodes as [ClusterNode, ClusterNode];
  const slug = uniqueSlug("reach");
  const api = adminApi(a.url, E2E_ADMIN_TOKEN);
  await api.post("/api/pipelines", { slug, name: slug, repository: `bench/${slug}`, batchPercent: 100, target: { kind: "agents", stepTimeoutSeconds: 30 } });
  const { token } = await api.post<{ token: string }>("/api/tokens", { name: slug, role: "agent", pipeline: slug });
  const hosts = Array.from({ length: 6 }, (_, i) => `${slug}-${i}`);
  const fleet = new SimulatedFleet(b.url, token, slug, hosts, 5);
  fleet.start();
  try {
    const { view, liveRelease, rollbackReach, sendGreenBuild } = benchPipeline(api, a.url, slug);
    await until(async () => (await view()).hostSummary.total === hosts.length, 20_000);
    await sendGreenBuild(1);
    await until(async () => (await liveRelease()) !== null, 20_000);
    const newer = await sendGreenBuild(2);
    await until(async () => (await view()).currentRelease?.build.id === newer && (await liveRelease()) !== null, 20_000);

    const tries: { requestMs: number; lastToldMs: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const rollback = await rollbackReach(fleet, `cluster try ${i + 1}`);
      tries.push({ requestMs: rollback.requestMs, lastToldMs: Math.max(...rollback.latencies) });
      await until(async () => (await liveRelease()) === rollback.releaseId, 20_000);
      await api.post(`/api/pipelines/${slug}/unlock`);
      const promote = await api.post<{ id: number }>(`/api/pipelines/${slug}/promote`, { buildId: newer });
      await until(async () => (await liveRelease()) === promote.id, 20_000);
    }
    const shown = tries.map((t) => `${t.lastToldMs.toFixed(0)} ms (request answered at ${t.requestMs.toFixed(0)} ms)`);
    console.log(`rollback on node a → last first-batch agent on node b told after: ${shown.join("; ")}`);
    for (const t of tries) expect(t.lastToldMs - t.requestMs, shown.join("; ")).toBeLessThan(300);
  } finally {
    await fleet.stop();
  }
});

test("a revoked agent token stops working on every node within 1 s", async () => {
  const [a, b] = http as [APIRequestContext, APIRequestContext];
  const slug = uniqueSlug("revoke");
  await createPipeline(a, slug, { target: { kind: "agents" } });
  const created = await b.post("/api/tokens", { headers: admin, data: { name: slug, role: "agent", pipeline: slug } });
  const { id, token } = await created.json();
  const beat = async (context: APIRequestContext) =>
    (await context.post("/api/agent/heartbeat", {
      headers: { Authorization: `Bearer ${token}` },
      data: { pipeline: slug, host: "h-1", release: null, healthy: true },
    })).status();
  // Both nodes have now looked the token up (and cached the answer).
  expect([await beat(a), await beat(b)]).toEqual([200, 200]);

  expect((await a.delete(`/api/tokens/${id}`, { headers: admin })).status()).toBe(200);
  const revokedAt = Date.now();
  const refusedAfter = await Promise.all(
    http.map(async (context) => {
      await eventually(async () => (await beat(context)) === 401, 5_000);
      return Date.now() - revokedAt;
    }),
  );
  console.log(`revoked token refused after ${refusedAfter.join(", ")} ms (nodes a, b)`);
  expect(Math.max(...refusedAfter)).toBeLessThan(1000);
});

test("40 concurrent lock/unlock/promote/rollback requests split across both nodes never make two active releases nor a 5xx", async () => {
  const slug = uniqueSlug("race");
  const [a, b] = http as [APIRequestContext, APIRequestContext];
  // One batch of hosts that take a second: each release stays active while the requests land.
  await createPipeline(a, slug, { batchPercent: 100, target: { kind: "simulated", hosts: 2, restartSeconds: 1, checks: [], stepTimeoutSeconds: 30 } });
  const builds = [await sendBuild(a, slug)];
  await eventually(async () => (await getPipeline(a, slug)).currentRelease?.build.id === builds[0], 20_000);
  builds.push(await sendBuild(b, slug));
  await eventually(async () => (await getPipeline(b, slug)).currentRelease?.build.id === builds[1], 20_000);

  let watching = true;
  let mostActive = 0;
  const watcher = (async () => {
    while (watching) {
      mostActive = Math.max(mostActive, await activeReleases(slug));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const path = `/api/pipelines/${slug}`;
  const actions = [
    (context: APIRequestContext) => context.post(`${path}/lock`, { headers: admin, data: { reason: "race" } }),
    (context: APIRequestContext) => context.post(`${path}/unlock`, { headers: admin, data: {} }),
    (context: APIRequestContext, i: number) => context.post(`${path}/promote`, { headers: admin, data: { buildId: builds[Math.floor(i / 8) % 2] } }),
    (context: APIRequestContext) => context.post(`${path}/rollback`, { headers: admin, data: { reason: "race" } }),
  ];
  const names = ["lock", "unlock", "promote", "rollback"];
  // Each kind of request goes to both nodes: requests 0–3 to a, 4–7 to b, …
  const answers = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const response = await actions[i % 4]!(Math.floor(i / 4) % 2 === 0 ? a : b, i);
      return { what: names[i % 4], status: response.status(), body: await response.text() };
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500)); // what the requests started keeps running
  watching = false;
  await watcher;

  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(`${answer.what} ${answer.status}`, (counts.get(`${answer.what} ${answer.status}`) ?? 0) + 1);
  const tally = [...counts].map(([answer, n]) => `${n}× ${answer}`).sort().join(", ");
  console.log(`40 requests across both nodes: ${tally}; at most ${mostActive} active release(s) seen`);
  for (const answer of answers) {
    expect(answer.status, `${answer.what}: ${answer.body}`).toBeLessThan(500);
    if (answer.status >= 400) {
      const { error } = JSON.parse(answer.body);
      expect(typeof error.code === "string" && typeof error.message === "string", `${answer.what}: ${answer.body}`).toBe(true);
    }
  }
  expect(answers.some((answer) => answer.what !== "lock" && answer.what !== "unlock" && answer.status === 201), tally).toBe(true);
  expect(mostActive, tally).toBeLessThanOrEqual(1);
  expect(await activeReleases(slug)).toBeLessThanOrEqual(1);
});

test("kill -9 of a whole node (web server and worker) mid-rollout: the other node finishes the release", async () => {
  const survivor = http[1]!;
  const slug = uniqueSlug("crash");
  await createPipeline(survivor, slug, { batchPercent: 25, target: { kind: "simulated", hosts: 8, restartSeconds: 1, checks: [], stepTimeoutSeconds: 30 } });
  const buildId = await sendBuild(survivor, slug);
  await eventually(async () => {
    const { rowCount } = await sql.query(
      `SELECT 1 FROM "ReleaseStep" s JOIN "Release" r ON r.id = s."releaseId" JOIN "Pipeline" p ON p.id = r."pipelineId"
       WHERE p.slug = $1 AND s.name = 'Batch 2 of 4' AND s.state = 'running'`,
      [slug],
    );
    return rowCount === 1;
  }, 20_000);

  await nodes[0]!.kill("SIGKILL");
  await eventually(async () => !alive(-nodes[0]!.pid), 5_000); // its web server and its worker
  const { rows: left } = await sql.query(
    `SELECT count(*)::int AS n FROM "ReleaseStep" s JOIN "Release" r ON r.id = s."releaseId" JOIN "Pipeline" p ON p.id = r."pipelineId"
     WHERE p.slug = $1 AND s.state = 'pending'`,
    [slug],
  );
  expect(left[0].n, "batches still to run when node a died").toBeGreaterThan(0);

  const pipeline = await eventually(async () => {
    const view = await getPipeline(survivor, slug);
    return view.activeRelease === null && view.currentRelease?.build.id === buildId ? view : null;
  }, 30_000);
  expect(pipeline.currentRelease.state).toBe("succeeded");
  expect(pipeline.hostSummary.byRelease).toEqual([{ releaseId: pipeline.currentRelease.id, count: 8 }]);
});
