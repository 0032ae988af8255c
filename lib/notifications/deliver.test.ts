import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect, pool } from "../db";
import { lockPipeline, rollbackPipeline, unlockPipeline } from "../engine";
import { createPipeline, simulatedClock, tickUntil } from "../engine/testing";
import { startJobRunner, type JobRunner } from "../jobs/runner";
import { JOB_SCHEMA } from "../jobs/install";
import { refreshRollup } from "../metrics/rollup-job";
import { createNotification, deleteNotification, listDeliveries } from "./manage";
import { deliverDue, GIVE_UP_AFTER_MS } from "./deliver";
import { postJson } from "./post";

type Received = { body: Record<string, unknown>; headers: http.IncomingHttpHeaders; raw: string };

/** A local HTTP receiver; `answer` decides each response's status. */
async function receiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const status = answer(++requests);
      if (status < 300) received.push({ body: JSON.parse(raw), headers: req.headers, raw });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, requests: () => requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const silent = { info() {}, warn() {}, error() {} };
const admin = { actor: "ada", role: "admin" as const };
let runner: JobRunner;

beforeAll(async () => {
  process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
  process.env.SHIPBOARD_SLACK_USERS = "ada@example.com=U024BE7LH";
  runner = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 4 });
});
afterAll(async () => {
  await runner.stop();
  delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
  delete process.env.SHIPBOARD_SLACK_USERS;
  await disconnect();
});

async function deployBuild(pipelineId: number, clock: ReturnType<typeof simulatedClock>, number: number, author = "Ada <ada@example.com>") {
  const build = await db.build.create({
    data: {
      pipelineId, provider: "generic", externalId: `n${number}`, number, commitSha: `${number}`.padStart(40, "a"), branch: "main", state: "passed",
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, number)), author, message: `Change ${number}\n\nbody`, url: `https://ci.example.com/builds/${number}`,
    },
  });
  await tickUntil(clock, pipelineId, async () => (await db.pipeline.findUniqueOrThrow({ where: { id: pipelineId }, include: { currentRelease: true } })).currentRelease?.buildId === build.id);
  return build;
}

describe("event delivery", () => {
  it("posts each event, signed with the pipeline's secret, in order, and logs every delivery", async () => {
    const hook = await receiver();
    const pipeline = await createPipeline("notify-webhook", { hosts: 2, restartSeconds: 1, batchPercent: 100 });
    await db.pipeline.update({ where: { id: pipeline.id }, data: { webhookSecret: "pipeline-secret" } });
    const notification = await createNotification("notify-webhook", { kind: "webhook", url: hook.url, events: ["release.started", "release.succeeded", "pipeline.locked", "pipeline.unlocked"] }, admin);
    expect(notification.url).toBe(`${new URL(hook.url).origin}/…`);

    await lockPipeline("notify-webhook", "grace", "incident");
    await unlockPipeline("notify-webhook", "grace");
    const build = await deployBuild(pipeline.id, simulatedClock(), 1);
    await waitFor(() => hook.received.length === 4);

    expect(hook.received.map((r) => r.body.type)).toEqual(["pipeline.locked", "pipeline.unlocked", "release.started", "release.succeeded"]);
    expect(hook.received[0]!.body).toMatchObject({ pipeline: "notify-webhook", actor: "grace", reason: "incident", release: null });
    const succeeded = hook.received[3]!;
    expect(succeeded.body).toMatchObject({
      type: "release.succeeded", pipeline: "notify-webhook",
      release: { number: 1, kind: "deploy", state: "succeeded" }, build: { id: build.id, commitSha: build.commitSha, author: "Ada <ada@example.com>" },
      url: expect.stringMatching(/\/releases\/\d+$/),
    });
    const ids = hook.received.map((r) => Number(r.body.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const { headers, raw } of hook.received) {
      const timestamp = headers["x-shipboard-timestamp"] as string;
      expect(headers["x-shipboard-signature"]).toBe(`sha256=${createHmac("sha256", "pipeline-secret").update(`${timestamp}.${raw}`).digest("hex")}`);
    }
    await waitFor(async () => (await listDeliveries(notification.id, { limit: 50 })).items.length === 4);
    const log = await listDeliveries(notification.id, { limit: 50 });
    expect(log.items.map((d) => [d.status, d.attempt, d.httpStatus])).toEqual(Array(4).fill(["delivered", 1, 200]));
    await hook.close();
  });

  it("keeps retrying a receiver that is down, then delivers everything after, nothing lost and nothing out of order", async () => {
    let down = true;
    const hook = await receiver(() => (down ? 503 : 200));
    await createPipeline("notify-down", { hosts: 1, restartSeconds: 1, batchPercent: 100 });
    const notification = await createNotification("notify-down", { kind: "webhook", url: hook.url, events: ["pipeline.locked", "pipeline.unlocked"] }, admin);
    for (let i = 0; i < 3; i++) {
      await lockPipeline("notify-down", "ada", `round ${i}`);
      await unlockPipeline("notify-down", "ada");
    }
    await waitFor(() => hook.requests() >= 3);
    expect(hook.received).toEqual([]);
    down = false;
    await waitFor(() => hook.received.length === 6);
    await waitFor(async () => (await db.notificationDelivery.count({ where: { notificationId: notification.id, status: "delivered" } })) === 6);
    expect(hook.received.map((r) => `${r.body.type} ${r.body.reason ?? ""}`.trim())).toEqual([
      "pipeline.locked round 0", "pipeline.unlocked", "pipeline.locked round 1", "pipeline.unlocked", "pipeline.locked round 2", "pipeline.unlocked",
    ]);
    const log = (await listDeliveries(notification.id, { limit: 50 })).items.reverse();
    // The first event failed with growing attempt numbers, then went through; the rest went through at once.
    const first = log.filter((d) => d.eventId === log[0]!.eventId);
    expect(first.map((d) => d.status)).toEqual([...Array(first.length - 1).fill("failed"), "delivered"]);
    expect(first.map((d) => d.attempt)).toEqual(first.map((_, i) => i + 1));
    expect(first[0]).toMatchObject({ httpStatus: 503, error: "answered 503" });
    expect(log.filter((d) => d.status === "delivered")).toHaveLength(6);
    await hook.close();
  });

  it("gives up on an event that still fails 24 h after it happened, and goes on with the next", async () => {
    const hook = await receiver(() => 500);
    await createPipeline("notify-give-up", { hosts: 1 });
    const kept = await createNotification("notify-give-up", { kind: "webhook", url: hook.url, events: ["pipeline.locked"] }, admin);
    // Delivered by hand with a clock a day ahead.
    await lockPipeline("notify-give-up", "ada", "old news");
    const event = await db.event.findFirstOrThrow({ where: { pipeline: { slug: "notify-give-up" } }, orderBy: { id: "desc" } });
    await deliverDue(kept.id, () => new Date(event.at.getTime() + GIVE_UP_AFTER_MS + 1));
    await waitFor(async () => (await db.notification.findUniqueOrThrow({ where: { id: kept.id } })).cursor === event.id);
    const log = await listDeliveries(kept.id, { limit: 50 });
    expect(log.items.some((d) => d.status === "abandoned" && d.eventId === event.id)).toBe(true);
    await deleteNotification(kept.id, admin);
    await expect(listDeliveries(kept.id, { limit: 50 })).rejects.toMatchObject({ code: "not_found" });
    await hook.close();
  });

  it("refuses private and loopback URLs without SHIPBOARD_ALLOW_PRIVATE_TARGETS, before any connection", async () => {
    await createPipeline("notify-refuse", { hosts: 1 });
    delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
    try {
      for (const url of ["http://127.0.0.1:9/hook", "http://10.1.2.3/hook", "http://[::1]/hook", "http://169.254.169.254/latest", "http://localhost/hook"]) {
        await expect(createNotification("notify-refuse", { kind: "webhook", url, events: ["pipeline.locked"] }, admin)).rejects.toMatchObject({ code: "bad_request", field: "url" });
        expect(await postJson(url, "{}", {})).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^refused: /) });
      }
      expect(await db.notification.count({ where: { pipeline: { slug: "notify-refuse" } } })).toBe(0);
    } finally {
      process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
    }
  });

  it("sends Slack a Block Kit message that says what, where, which build, who and how long, mentioning the authors now live or rolled back", async () => {
    const slack = await receiver();
    const pipeline = await createPipeline("notify-slack", { hosts: 2, restartSeconds: 1, batchPercent: 100 });
    const clock = simulatedClock();
    await deployBuild(pipeline.id, clock, 1, "Grace <grace@example.com>");
    await createNotification("notify-slack", { kind: "slack", url: slack.url, events: ["release.succeeded", "rollback.started"] }, admin);
    await deployBuild(pipeline.id, clock, 2, "Ada <ada@example.com>");
    await waitFor(() => slack.received.length === 1);
    const live = slack.received[0]!.body as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    expect(live.text).toBe("✅ Deploy #2 is live on notify-slack — build 2");
    expect(live.blocks[0]!.text!.text).toMatch(/^\*<http:\/\/localhost:\d+\/releases\/\d+\|✅ Deploy #2 is live on notify-slack>\*\n<https:\/\/ci\.example\.com\/builds\/2\|build #2> `aaaaaaa` Change 2 — Ada &lt;ada@example.com&gt;$/);
    expect(live.blocks[1]!.elements![0]!.text).toMatch(/^by shipboard · took \d+s · production$/);
    expect(live.blocks[2]!.text!.text).toBe("Now live: <@U024BE7LH>");

    await rollbackPipeline("notify-slack", "grace", { reason: "error spike" });
    await waitFor(() => slack.received.length === 2);
    const rolledBack = slack.received[1]!.body as typeof live;
    expect(rolledBack.blocks[0]!.text!.text).toContain("↩️ Rollback #3 started on notify-slack");
    expect(rolledBack.blocks[0]!.text!.text).toContain("> error spike");
    expect(rolledBack.blocks[2]!.text!.text).toBe("Rolled back: <@U024BE7LH>");
    fs.mkdirSync("e2e/artifacts", { recursive: true });
    fs.writeFileSync("e2e/artifacts/slack-messages.json", JSON.stringify([live, rolledBack], null, 2));
    await slack.close();
  });

  it("refreshes the metrics rollup after the engine's transaction, through the job queue", async () => {
    // Earlier test files' rollups (their pipelines, their simulated days) would sit ahead of this one in the
    // one-at-a-time rollup queue: this test is about its own refresh going through the queue, so they go first.
    await pool().query(`SELECT ${JOB_SCHEMA}.remove_job(key) FROM ${JOB_SCHEMA}.jobs WHERE task_identifier = $1 AND key IS NOT NULL`, [refreshRollup.name]);
    const pipeline = await createPipeline("notify-rollup", { hosts: 1, restartSeconds: 1, batchPercent: 100 });
    await deployBuild(pipeline.id, simulatedClock(), 1);
    await waitFor(async () => (await db.dailyStat.findFirst({ where: { pipelineId: pipeline.id } }))?.deploys === 1, 30_000);
  }, 60_000);
});
