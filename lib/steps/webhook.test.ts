import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until, workerProcesses } from "../../test/worker-process";
import { db, disconnect } from "../db";
import { addBuild } from "../engine/testing";
import { createPipeline, createPipelineInput } from "../pipelines/create";
import { signShipboard, verifyShipboard } from "../webhooks/shipboard-signature";
import { reportStep } from "./callback";
import { backoffMs } from "./webhook";

// A real worker process delivers each step to a receiver on 127.0.0.1 in this
// test (allowed by SHIPBOARD_ALLOW_PRIVATE_TARGETS=1); how it answers depends on the path.
const SECRET = "step-webhook-secret";
const workers = workerProcesses();
/** Generous: tests share two cores with other work. */
const SLOW_MACHINE_MS = 45_000;
const received: { path: string; body: { step: { id: number; name: string; hosts: string[] }; release: { id: number } }; signed: boolean }[] = [];
const flakyAnswers = new Map<string, number>();
let base = "";
const receiver = http.createServer((request, response) => {
  let raw = "";
  request.on("data", (chunk) => (raw += chunk));
  request.on("end", () => {
    const headers = new Headers(Object.entries(request.headers).map(([k, v]): [string, string] => [k, String(v)]));
    received.push({ path: request.url!, body: JSON.parse(raw), signed: verifyShipboard(headers, raw, SECRET).ok });
    const answer = (status: number, body: object) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (request.url === "/succeeded") return answer(200, { state: "succeeded", log: "deployed by the receiver" });
    if (request.url === "/failed") return answer(200, { state: "failed", log: "health check failed" });
    if (request.url === "/running") return answer(202, { state: "running" });
    if (request.url === "/flaky") {
      const count = (flakyAnswers.get("flaky") ?? 0) + 1;
      flakyAnswers.set("flaky", count);
      return count === 1 ? answer(500, { error: "busy" }) : answer(200, { state: "succeeded" });
    }
    // /silent never answers.
  });
});

beforeAll(async () => {
  process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await workers.started({ SHIPBOARD_ALLOW_PRIVATE_TARGETS: "1" });
});
afterAll(async () => {
  workers.killAll();
  receiver.closeAllConnections();
  receiver.close();
  delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
  await disconnect();
});

async function webhookPipeline(slug: string, path: string, options: { stepTimeoutSeconds?: number; checks?: { name: string }[] } = {}) {
  const pipeline = await createPipeline(
    createPipelineInput.parse({
      slug, name: slug, repository: `acme/${slug}`, batchPercent: 100, webhookSecret: SECRET,
      target: { kind: "webhook", url: `${base}${path}`, hosts: ["h1", "h2"], checks: options.checks ?? [], stepTimeoutSeconds: options.stepTimeoutSeconds ?? 60 },
    }),
    { actor: "ada", role: "admin" },
  );
  await addBuild(pipeline.id, 1);
  return pipeline;
}

const release = (pipelineId: number) =>
  db.release.findFirst({ where: { pipelineId }, include: { steps: { include: { runs: { orderBy: { attempt: "asc" } } }, orderBy: { position: "asc" } } } });
const stateOf = async (pipelineId: number) => (await release(pipelineId))?.state;

describe("a webhook target", { timeout: 120_000 }, () => {
  it("posts each step signed, and a receiver answering succeeded finishes it", async () => {
    const pipeline = await webhookPipeline("hook-ok", "/succeeded", { checks: [{ name: "Smoke" }] });
    await until(async () => (await stateOf(pipeline.id)) === "succeeded", SLOW_MACHINE_MS, "the release to succeed", workers.output);
    const mine = received.filter((entry) => entry.path === "/succeeded");
    expect(mine.map((entry) => [entry.body.step.name, entry.body.step.hosts, entry.signed])).toEqual([
      ["Smoke", [], true],
      ["Batch 1 of 1", ["h1", "h2"], true],
    ]);
    const done = (await release(pipeline.id))!;
    expect(done.steps[1]!.runs[0]).toMatchObject({ state: "succeeded", httpStatus: 200, note: "succeeded (HTTP 200)" });
    expect(done.steps[1]!.runs[0]!.output).toContain("deployed by the receiver");
  });

  it("fails the release when the receiver answers failed", async () => {
    const pipeline = await webhookPipeline("hook-failed", "/failed");
    await until(async () => (await stateOf(pipeline.id)) === "failed", SLOW_MACHINE_MS, "the release to fail", workers.output);
    expect((await release(pipeline.id))!.steps[0]!.runs[0]!.output).toContain("health check failed");
  });

  it("waits after running for the signed callback, refusing bad, stale and replayed signatures and a finished step", async () => {
    const pipeline = await webhookPipeline("hook-callback", "/running");
    await until(async () => (await release(pipeline.id))?.steps[0]?.runs[0]?.state === "waiting", SLOW_MACHINE_MS, "the run to wait", workers.output);
    const { id: releaseId, steps } = (await release(pipeline.id))!;
    const stepId = steps[0]!.id;
    const body = JSON.stringify({ state: "succeeded", log: "rolled out by the receiver" });
    const headers = (signed: Record<string, string>) => new Headers({ ...signed, "content-type": "application/json" });

    await expect(reportStep(releaseId, stepId, headers(signShipboard("wrong secret", body)), body)).rejects.toMatchObject({ status: 401 });
    const stale = signShipboard(SECRET, body, new Date(Date.now() - 6 * 60_000));
    await expect(reportStep(releaseId, stepId, headers(stale), body)).rejects.toMatchObject({ status: 401 });
    await expect(reportStep(releaseId, 999_999, headers(signShipboard(SECRET, body)), body)).rejects.toMatchObject({ status: 409 });
    const progress = JSON.stringify({ state: "running", log: "half way" });
    const signed = signShipboard(SECRET, progress);
    await reportStep(releaseId, stepId, headers(signed), progress);
    await expect(reportStep(releaseId, stepId, headers(signed), progress)).rejects.toMatchObject({ status: 401, message: expect.stringContaining("replayed") });

    await reportStep(releaseId, stepId, headers(signShipboard(SECRET, body)), body);
    await until(async () => (await stateOf(pipeline.id)) === "succeeded", SLOW_MACHINE_MS, "the release to succeed", workers.output);
    const later = JSON.stringify({ state: "failed" });
    await expect(reportStep(releaseId, stepId, headers(signShipboard(SECRET, later)), later)).rejects.toMatchObject({ status: 409 });
    expect((await release(pipeline.id))!.steps[0]!.runs[0]!.output).toMatch(/half way[\s\S]*rolled out by the receiver/);
  });

  it("retries a 500 with backoff, and succeeds when the receiver answers", async () => {
    const pipeline = await webhookPipeline("hook-flaky", "/flaky");
    await until(async () => (await stateOf(pipeline.id)) === "succeeded", SLOW_MACHINE_MS, "the release to succeed", workers.output);
    const output = (await release(pipeline.id))!.steps[0]!.runs[0]!.output;
    expect(output).toMatch(/delivery 1\): HTTP 500; retrying in \d+\.\d s/);
    expect(output).toContain("delivery 2): 200 succeeded");
  });

  it("fails the step at its timeout when the receiver never answers", async () => {
    const pipeline = await webhookPipeline("hook-silent", "/silent", { stepTimeoutSeconds: 3 });
    await until(async () => (await stateOf(pipeline.id)) === "failed", SLOW_MACHINE_MS, "the release to fail", workers.output);
    const step = (await release(pipeline.id))!.steps[0]!;
    expect(step.state).toBe("failed");
    // Whichever sees it first: the engine's step timeout, or the delivery giving up at it.
    expect(step.log).toMatch(/not finished within 3 s|no answer before the step timeout/);
  });

  it("backs off exponentially from 1 s to at most 60 s, jittered over the upper half", () => {
    expect([0, 1, 2, 10].map((tries) => backoffMs(tries, () => 0))).toEqual([500, 1000, 2000, 30_000]);
    expect([0, 1, 2, 10].map((tries) => backoffMs(tries, () => 1))).toEqual([1000, 2000, 4000, 60_000]);
  });
});

describe("creating a webhook target", () => {
  it("refuses a URL on a private address unless SHIPBOARD_ALLOW_PRIVATE_TARGETS=1, without connecting to it", async () => {
    delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
    try {
      const input = { slug: "hook-private", name: "x", repository: "acme/x", target: { kind: "webhook", url: "http://10.0.0.8/deploy" } };
      const parsed = createPipelineInput.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ["target", "url"], message: expect.stringContaining("refused: 10.0.0.8") });
    } finally {
      process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
    }
  });
});
