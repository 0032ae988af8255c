// Webhook ingest through the real node:http front (server/webhook-route.ts) on
// 127.0.0.1: the providers' own published payloads, signed over the raw bytes,
// the attacks SPEC "Trust" closes, and rule 1's scenarios end to end.
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "../lib/api/rate-limit";
import { db, disconnect } from "../lib/db";
import { tick } from "../lib/engine/tick";
import { webhookRoute } from "./webhook-route";

const SERVER_SECRET = "server-wide-secret-0123456789";
let base = "";
let server: http.Server;

beforeAll(async () => {
  process.env.SHIPBOARD_WEBHOOK_SECRET = SERVER_SECRET;
  server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    if (!webhookRoute(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnect();
});

const hmac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("hex");
let slugs = 0;

async function pipeline(repository: string, branch: string, options: { secret?: string; ciWorkflows?: string[] } = {}) {
  return db.pipeline.create({
    data: {
      slug: `hook-${++slugs}`, name: "hook", repository: repository.toLowerCase(), branch, ciWorkflows: options.ciWorkflows ?? [],
      webhookSecret: options.secret ?? null, target: { kind: "simulated", hosts: 1, restartSeconds: 0, failPercent: 0 },
    },
  });
}

async function post(provider: string, body: string, headers: Record<string, string>, query = "") {
  const response = await fetch(`${base}/api/webhooks/${provider}${query}`, { method: "POST", headers, body });
  return { status: response.status, body: await response.json() };
}

/** GitHub as it sends: JSON, or its default form encoding with the JSON in `payload`; signed over the bytes sent. */
function github(event: string, payload: unknown, secret = SERVER_SECRET, form = false, delivery: string = randomUUID()) {
  const json = JSON.stringify(payload);
  const body = form ? new URLSearchParams({ payload: json }).toString() : json;
  const headers = {
    "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json",
    "X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": `sha256=${hmac(secret, body)}`,
  };
  return { body, headers };
}

function buildkite(payload: unknown, secret = SERVER_SECRET, at = new Date()) {
  const body = JSON.stringify(payload);
  const t = Math.floor(at.getTime() / 1000);
  const event = (payload as { event: string }).event;
  return { body, headers: { "Content-Type": "application/json", "X-Buildkite-Event": event, "X-Buildkite-Signature": `timestamp=${t},signature=${hmac(secret, `${t}.${body}`)}` } };
}

const buildsOf = (pipelineId: number) => db.build.findMany({ where: { pipelineId }, orderBy: { id: "asc" } });
const date = (value: string | null | undefined) => (value ? new Date(value) : null);

// SPEC "Build states", written out here independently of the parser.
const CONCLUSION: Record<string, string> = {
  success: "passed", neutral: "passed", failure: "failed", timed_out: "failed", startup_failure: "failed",
  cancelled: "canceled", skipped: "canceled", stale: "canceled", action_required: "scheduled",
};
const STATUS: Record<string, string> = { requested: "scheduled", queued: "scheduled", waiting: "scheduled", pending: "scheduled", in_progress: "running" };
const githubState = (o: { status: string; conclusion: string | null }) => (o.status === "completed" ? CONCLUSION[o.conclusion!]! : STATUS[o.status]!);
const finished = (state: string) => ["passed", "failed", "canceled"].includes(state);

type Example = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const examplesOf = (name: string) => (examples as { name: string; examples: Example[] }[]).find((e) => e.name === name)!.examples;

describe("every workflow_run and check_suite example of @octokit/webhooks-examples, JSON and form-encoded", () => {
  const cases = [
    ...examplesOf("workflow_run").map((payload, i) => ({ event: "workflow_run", i, payload })),
    ...examplesOf("check_suite").map((payload, i) => ({ event: "check_suite", i, payload })),
  ];
  for (const { event, i, payload } of cases) {
    for (const form of [false, true]) {
      it(`${event} example ${i} (${payload.action}, ${form ? "form-encoded" : "JSON"})`, async () => {
        const o = payload[event];
        const secret = `pipeline-secret-${randomUUID()}`;
        const p = await pipeline(payload.repository.full_name, o.head_branch, { secret });
        const { body, headers } = github(event, payload, secret, form);
        const response = await post("github", body, headers, `?pipeline=${p.slug}`);
        const fork = event === "workflow_run" && o.head_repository.full_name !== payload.repository.full_name;
        if (fork) {
          // Real example 0 runs in octo-org/octo-repo but is delivered for Codertocat/Hello-World: a fork's run.
          expect(response).toMatchObject({ status: 202, body: { recorded: false } });
          expect(await buildsOf(p.id)).toEqual([]);
          return;
        }
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        const state = githubState(o);
        const run = event === "workflow_run";
        const sha = o.head_sha;
        expect(await buildsOf(p.id)).toEqual([expect.objectContaining({
          provider: "github",
          externalId: run ? String(o.id) : `check_suite:${o.id}`,
          attempt: run ? o.run_attempt : 1,
          workflow: run ? payload.workflow.name : o.app.name,
          number: run ? o.run_number : null,
          commitSha: sha,
          message: o.head_commit.message,
          author: o.head_commit.author.name,
          branch: o.head_branch,
          url: run ? o.html_url : `${payload.repository.html_url}/commit/${sha}/checks?check_suite_id=${o.id}`,
          state,
          createdAt: date(o.created_at),
          startedAt: state === "scheduled" || !run ? null : date(o.run_started_at),
          finishedAt: finished(state) ? date(o.updated_at) : null,
          committedAt: date(o.head_commit.timestamp),
        })]);
      });
    }
  }
});

const realCi = (path: string) => fs.readFileSync(new URL(`../lib/webhooks/fixtures/real-ci/${path}`, import.meta.url), "utf8");

describe("GitLab's and Buildkite's documentation examples (lib/webhooks/fixtures/real-ci)", () => {
  it("records GitLab's pipeline hook example field by field, and answers its job hook 202", async () => {
    const text = realCi("gitlab/pipeline-hook.doc-example.json");
    const payload = JSON.parse(text);
    const p = await pipeline(payload.project.path_with_namespace, payload.object_attributes.ref);
    const headers = { "Content-Type": "application/json", "X-Gitlab-Event": "Pipeline Hook", "X-Gitlab-Token": SERVER_SECRET, "Idempotency-Key": randomUUID() };
    expect((await post("gitlab", text, headers)).status).toBe(200);
    const a = payload.object_attributes;
    expect(await buildsOf(p.id)).toEqual([expect.objectContaining({
      provider: "gitlab", externalId: String(a.id), attempt: 1, workflow: a.name, number: a.iid, commitSha: a.sha,
      message: payload.commit.message, author: payload.commit.author.name, branch: a.ref, url: a.url, state: "passed",
      createdAt: new Date("2016-08-12T15:23:28Z"), finishedAt: new Date("2016-08-12T15:26:29Z"),
      // No queued_duration in the example: the earliest job start.
      startedAt: new Date(Math.min(...payload.builds.filter((b: Example) => b.started_at).map((b: Example) => Date.parse(b.started_at.replace(" UTC", "Z").replace(" ", "T"))))),
      committedAt: date(payload.commit.timestamp),
    })]);

    // Published with comments and a trailing comma; only those are stripped.
    const job = realCi("gitlab/job-hook.doc-example.jsonc").replace(/,\s*\/\/[^\n]*$/gm, ",").replace(/,(\s*})\s*$/, "$1");
    const jobResponse = await post("gitlab", job, { ...headers, "X-Gitlab-Event": "Job Hook", "Idempotency-Key": randomUUID() });
    expect(jobResponse).toMatchObject({ status: 202, body: { recorded: false } });
  });

  /** A webhook body as Buildkite's docs describe it: the REST Build without job data, its pipeline, the example's sender. */
  function buildkiteBody(event: string, restFile: string, changes: Record<string, unknown> = {}) {
    const build = JSON.parse(realCi(`buildkite/${restFile}`));
    delete build.jobs;
    delete build.job_state_counts;
    const sender = JSON.parse(realCi("buildkite/webhook-build-event.example.json")).sender;
    return { event, build: { ...build, ...changes }, pipeline: build.pipeline, sender };
  }

  it("records the REST examples as build.finished / build.scheduled bodies field by field", async () => {
    const cases = [
      { file: "rest-get-a-build.response.json", event: "build.finished", state: "passed" },
      { file: "rest-cancel-a-build.response.json", event: "build.finished", state: "canceled" },
      { file: "rest-rebuild-a-build.response.json", event: "build.scheduled", state: "scheduled" },
    ];
    for (const c of cases) {
      const payload = buildkiteBody(c.event, c.file);
      const b = payload.build;
      const p = await pipeline(payload.pipeline.repository.replace("git@github.com:", ""), b.branch);
      const { body, headers } = buildkite(payload);
      expect((await post("buildkite", body, headers)).status).toBe(200);
      expect(await buildsOf(p.id)).toEqual([expect.objectContaining({
        provider: "buildkite", externalId: b.id, attempt: 1, workflow: payload.pipeline.name, number: b.number, commitSha: b.commit,
        message: b.message, author: b.creator.name, branch: b.branch, url: b.web_url, state: c.state, createdAt: date(b.created_at),
        startedAt: c.state === "scheduled" ? null : date(b.started_at), finishedAt: finished(c.state) ? date(b.finished_at) : null, committedAt: null,
      })]);
    }
  });

  it("records a build.finished with blocked: true (the docs' blocked example) as running, and answers the ping 202", async () => {
    const blocked = JSON.parse(realCi("buildkite/webhook-build-blocked.example.json"));
    const payload = buildkiteBody(blocked.event, "rest-get-a-build.response.json", { blocked: blocked.build.blocked });
    const p = await pipeline("my-great-org/my-pipeline", "main", { secret: `kite-${randomUUID()}` });
    const { body, headers } = buildkite(payload, p.webhookSecret!);
    expect((await post("buildkite", body, headers, `?pipeline=${p.slug}`)).status).toBe(200);
    expect((await buildsOf(p.id)).map((b) => b.state)).toEqual(["running"]);

    const ping = buildkite(JSON.parse(realCi("buildkite/webhook-ping.example.json")));
    expect(await post("buildkite", ping.body, ping.headers)).toMatchObject({ status: 202, body: { reason: "ping" } });
  });
});

/** A workflow_run payload of the real example 1 (a passed run of octo-org/octo-repo), changed by `run`. */
function workflowRun(run: Record<string, unknown> = {}, workflow = "test") {
  const payload = structuredClone(examplesOf("workflow_run")[1]!);
  Object.assign(payload.workflow_run, run);
  payload.workflow.name = workflow;
  return payload;
}

describe("webhook trust (SPEC \"Trust\"): the attacks", () => {
  it("records nothing anywhere for a delivery aimed with ?pipeline= at another repository's pipeline", async () => {
    const victim = await pipeline("acme/payments", "master");
    const { body, headers } = github("workflow_run", workflowRun());
    const response = await post("github", body, headers, `?pipeline=${victim.slug}`);
    expect(response).toMatchObject({ status: 202, body: { recorded: false, reason: expect.stringContaining("is not") } });
    expect(await db.build.count({ where: { commitSha: "3484a3fb816e0859fd6e1cea078d76385ff50625", pipelineId: victim.id } })).toBe(0);
  });

  it("records a replayed delivery once, whatever its body says the second time", async () => {
    const p = await pipeline("octo-org/octo-repo", "master");
    const delivery = randomUUID();
    const first = github("workflow_run", workflowRun({ status: "in_progress", conclusion: null }), SERVER_SECRET, false, delivery);
    expect((await post("github", first.body, first.headers, `?pipeline=${p.slug}`)).status).toBe(200);
    const completed = github("workflow_run", workflowRun({ conclusion: "failure" }), SERVER_SECRET, false, delivery);
    expect(await post("github", completed.body, completed.headers, `?pipeline=${p.slug}`)).toMatchObject({ status: 202, body: { duplicate: true } });
    expect((await buildsOf(p.id)).map((b) => b.state)).toEqual(["running"]);
    const replay = await post("github", first.body, first.headers, `?pipeline=${p.slug}`);
    expect(replay).toMatchObject({ status: 202, body: { recorded: false, duplicate: true } });
    const log = await db.ciDelivery.findMany({ where: { pipelineId: p.id }, orderBy: { id: "asc" } });
    expect(log.map((entry) => [entry.outcome, entry.status, entry.deliveryId])).toEqual([
      ["recorded", 200, delivery], ["duplicate", 202, delivery], ["duplicate", 202, delivery],
    ]);
  });

  it("refuses a Buildkite signature dated 6 minutes ahead, or 6 minutes old, with 401", async () => {
    const p = await pipeline("my-great-org/my-pipeline", "future", { secret: `kite-${randomUUID()}` });
    const payload = { event: "build.finished", build: { id: "future-1", number: 1, commit: "abcdef1", branch: "future", state: "passed", created_at: "2026-01-01T00:00:00Z" }, pipeline: { repository: "git@github.com:my-great-org/my-pipeline.git" } };
    for (const minutes of [6, -6]) {
      const { body, headers } = buildkite(payload, p.webhookSecret!, new Date(Date.now() + minutes * 60_000));
      const response = await post("buildkite", body, headers, `?pipeline=${p.slug}`);
      expect(response).toMatchObject({ status: 401, body: { error: { code: "unauthorized", message: expect.stringContaining("5 minute") } } });
    }
    const { body, headers } = buildkite(payload, p.webhookSecret!);
    expect((await post("buildkite", body, headers, `?pipeline=${p.slug}`)).status).toBe(200);
    expect((await db.ciDelivery.findMany({ where: { pipelineId: p.id }, orderBy: { id: "asc" } })).map((d) => d.outcome)).toEqual(["refused", "refused", "recorded"]);
  });

  it("refuses a delivery signed with another pipeline's secret (or the server's, when the pipeline has its own)", async () => {
    const mine = await pipeline("team-a/web", "master", { secret: `a-${randomUUID()}` });
    const theirs = await pipeline("team-b/web", "master", { secret: `b-${randomUUID()}` });
    const payload = workflowRun({ head_repository: { full_name: "team-a/web" } });
    payload.repository = { ...payload.repository, full_name: "team-a/web" };
    for (const secret of [theirs.webhookSecret!, SERVER_SECRET]) {
      const { body, headers } = github("workflow_run", payload, secret);
      expect((await post("github", body, headers)).status).toBe(401);
    }
    expect(await buildsOf(mine.id)).toEqual([]);
    const { body, headers } = github("workflow_run", payload, mine.webhookSecret!);
    expect((await post("github", body, headers)).status).toBe(200);
    expect(await buildsOf(mine.id)).toHaveLength(1);
  });
});

describe("matching (SPEC \"Webhooks\")", () => {
  it("checks GitHub's ping (every example) with the secret of its repository's pipeline, so a new hook shows green", async () => {
    for (const payload of examplesOf("ping").filter((p) => p.repository)) {
      const p = await pipeline(payload.repository.full_name, "main", { secret: `ping-${randomUUID()}` });
      const wrong = github("ping", payload, SERVER_SECRET);
      expect((await post("github", wrong.body, wrong.headers)).status).toBe(401);
      const right = github("ping", payload, p.webhookSecret!, true);
      expect(await post("github", right.body, right.headers)).toMatchObject({ status: 202, body: { reason: "ping" } });
      expect((await db.ciDelivery.findMany({ where: { pipelineId: p.id }, orderBy: { id: "asc" } })).map((d) => [d.outcome, d.status]))
        .toEqual([["refused", 401], ["ignored", 202]]);
      await db.pipeline.delete({ where: { id: p.id } });
    }
  });

  it("records a build only on pipelines of its branch; repositories compare case-insensitively and git URLs count", async () => {
    const main = await pipeline("Case/Repo", "main");
    const other = await pipeline("case/repo", "develop");
    const payload = workflowRun({ head_branch: "main", head_repository: { full_name: "CASE/repo" } });
    payload.repository = { full_name: "cAsE/RePo" };
    const { body, headers } = github("workflow_run", payload);
    expect((await post("github", body, headers)).status).toBe(200);
    expect(await buildsOf(main.id)).toHaveLength(1);
    expect(await buildsOf(other.id)).toEqual([]);
    expect((await db.ciDelivery.findFirstOrThrow({ where: { pipelineId: other.id } })).reason).toBe("branch main is not hook-" + (slugs) + "'s branch develop");

    const generic = JSON.stringify({ externalId: "g-1", commitSha: "abcdef1", branch: "main", state: "passed", repository: "git@github.com:case/REPO.git" });
    expect((await post("generic", generic, { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${hmac(SERVER_SECRET, generic)}` })).status).toBe(200);
    expect(await buildsOf(main.id)).toHaveLength(2);

    const elsewhere = github("workflow_run", { ...payload, workflow_run: { ...payload.workflow_run, head_branch: "feature/x", id: 5 } });
    expect(await post("github", elsewhere.body, elsewhere.headers)).toMatchObject({ status: 202, body: { recorded: false } });
  });

  it("does not record a check suite of a fork's pull request", async () => {
    const p = await pipeline("codertocat/hello-world", "changes");
    const payload = structuredClone(examplesOf("check_suite")[0]!);
    payload.check_suite.pull_requests[0].head.repo.id = 1;
    const { body, headers } = github("check_suite", payload);
    expect(await post("github", body, headers)).toMatchObject({ status: 202, body: { reason: expect.stringContaining("fork") } });
    expect(await buildsOf(p.id)).toEqual([]);
  });

  it("records only the workflows a pipeline lists in ciWorkflows (any case)", async () => {
    const p = await pipeline("octo-org/octo-repo", "filtered", { ciWorkflows: ["Tests"] });
    const send = (workflow: string, id: number) => {
      const { body, headers } = github("workflow_run", workflowRun({ head_branch: "filtered", id }, workflow));
      return post("github", body, headers, `?pipeline=${p.slug}`);
    };
    expect(await send("lint", 901)).toMatchObject({ status: 202, body: { reason: expect.stringContaining("ciWorkflows") } });
    expect((await send("tests", 902)).status).toBe(200);
    expect((await buildsOf(p.id)).map((b) => b.workflow)).toEqual(["tests"]);
  });
});

describe("rule 1 end to end: deliveries through HTTP, then the engine's tick", () => {
  const released = async (pipelineId: number) =>
    (await db.release.findMany({ where: { pipelineId }, include: { build: true }, orderBy: { number: "asc" } })).map((r) => r.build.externalId);

  async function run(p: { slug: string }, id: number, workflow: string, fields: Record<string, unknown>) {
    const { body, headers } = github("workflow_run", workflowRun({ head_branch: "rule1", id, ...fields }, workflow));
    const response = await post("github", body, headers, `?pipeline=${p.slug}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
  const passed = { status: "completed", conclusion: "success" };

  it("does not deploy a commit whose lint passed and whose tests failed; a re-run attempt 2 that passes deploys it", async () => {
    const p = await pipeline("octo-org/octo-repo", "rule1");
    await run(p, 1001, "lint", passed);
    await run(p, 1002, "tests", { status: "completed", conclusion: "failure" });
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual([]);
    const [{ blocker }] = await Promise.all([import("../lib/views/pipelines").then((m) => m.getPipeline(p.slug))]);
    expect(blocker).toMatchObject({ code: "ci-failed", message: expect.stringContaining("Tests") });

    await run(p, 1002, "tests", { status: "in_progress", conclusion: null, run_attempt: 2, updated_at: "2020-10-05T17:00:00Z" });
    await run(p, 1002, "tests", { ...passed, run_attempt: 2, updated_at: "2020-10-05T17:05:00Z" });
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual(["1002"]);
  });

  it("does not deploy while the tests still run, and deploys once they pass", async () => {
    const p = await pipeline("octo-org/octo-repo", "rule1");
    await run(p, 2001, "lint", passed);
    await run(p, 2002, "tests", { status: "in_progress", conclusion: null });
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual([]);
    await run(p, 2002, "tests", passed);
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual(["2002"]);
  });

  it("deploys a Buildkite build that failed and was retried to green; a blocked build waits until unblocked", async () => {
    const p = await pipeline("my-great-org/my-pipeline", "kite");
    const kite = (id: string, state: string, finishedAt: string | null, blocked = false) =>
      buildkite({ event: "build.finished", build: { id, number: 7, commit: `${id}`.padEnd(40, "0"), branch: "kite", state, blocked, created_at: "2026-01-01T00:00:00Z", finished_at: finishedAt }, pipeline: { repository: "git@github.com:my-great-org/my-pipeline.git", name: "deploy" } });
    const send = async (request: ReturnType<typeof kite>) => expect((await post("buildkite", request.body, request.headers, `?pipeline=${p.slug}`)).status).toBe(200);

    await send(kite("aaaa", "failed", "2026-01-01T00:10:00Z"));
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual([]);
    await send(kite("aaaa", "passed", "2026-01-01T00:20:00Z"));
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual(["aaaa"]);

    await send(kite("bbbb", "passed", "2026-01-01T01:00:00Z", true));
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual(["aaaa"]);
    await db.release.updateMany({ where: { pipelineId: p.id }, data: { state: "succeeded" } });
    await send(kite("bbbb", "passed", "2026-01-01T01:30:00Z"));
    await tick({ now: new Date() });
    expect(await released(p.id)).toEqual(["aaaa", "bbbb"]);
  });
});
