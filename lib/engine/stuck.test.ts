import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { startJobRunner, type JobRunner } from "../jobs/runner";
import { deliverNotification } from "../notifications/deliver";
import { createNotification } from "../notifications/manage";
import { STUCK_AFTER_SECONDS } from "./decide/stuck";
import { recordStuckReleases } from "./stuck";
import { addBuild, createPipeline, simulatedClock } from "./testing";
import { tick } from "./tick";

const admin = { actor: "ada", role: "admin" as const };
const silent = { info() {}, warn() {}, error() {} };
let runner: JobRunner;

beforeAll(async () => {
  process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
  runner = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 2, jobs: [deliverNotification] });
});
afterAll(async () => {
  await runner.stop();
  delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
  await disconnect();
});

/** A running release whose workers went away at `since` (nothing advances it any more). */
async function runningRelease(slug: string) {
  const pipeline = await createPipeline(slug, { hosts: 4, restartSeconds: 600, batchPercent: 50 });
  const clock = simulatedClock();
  await addBuild(pipeline.id, 1);
  await tick({ now: clock.advance(1) });
  await tick({ now: clock.advance(1) });
  const release = await db.release.findFirstOrThrow({ where: { pipelineId: pipeline.id, state: "running" } });
  return { pipeline, release, since: release.advancedAt! };
}

const later = (since: Date, seconds: number) => new Date(since.getTime() + seconds * 1000);
const stuckEvents = (pipelineId: number) => db.event.findMany({ where: { pipelineId, type: "release.stuck" }, orderBy: { id: "asc" } });

describe("release.stuck", () => {
  it("is recorded once per stuck episode, however many nodes look at once and however often", async () => {
    const { pipeline, release, since } = await runningRelease("stuck-once");
    await recordStuckReleases(later(since, STUCK_AFTER_SECONDS - 1));
    expect(await stuckEvents(pipeline.id)).toEqual([]);

    // (Other files' releases in this shared database may be stuck at these times too: only this pipeline's events count.)
    await Promise.all(Array.from({ length: 6 }, (_, i) => recordStuckReleases(later(since, STUCK_AFTER_SECONDS + 1 + i))));
    await recordStuckReleases(later(since, 600));
    const events = await stuckEvents(pipeline.id);
    expect(events).toEqual([expect.objectContaining({ releaseId: release.id, reason: expect.stringMatching(/^Release #1 is stuck at .*: no worker has advanced it since/) })]);

    // A worker comes back and moves it; stuck again later is a new episode.
    const back = later(since, 700);
    await tick({ now: back });
    await recordStuckReleases(later(back, 30));
    expect(await stuckEvents(pipeline.id)).toHaveLength(1);
    await Promise.all([recordStuckReleases(later(back, STUCK_AFTER_SECONDS + 5)), recordStuckReleases(later(back, STUCK_AFTER_SECONDS + 6))]);
    expect(await stuckEvents(pipeline.id)).toHaveLength(2);
  });

  it("is not recorded for a release that workers keep moving, nor for a finished one", async () => {
    const { pipeline, release, since } = await runningRelease("stuck-moving");
    for (let s = 30; s <= 300; s += 30) await tick({ now: later(since, s) });
    await recordStuckReleases(later(since, 310));
    await db.release.update({ where: { id: release.id }, data: { state: "failed", finishedAt: later(since, 311) } });
    await recordStuckReleases(later(since, 900));
    expect(await stuckEvents(pipeline.id)).toEqual([]);
  });

  it("reaches a notification subscribed to release.stuck", async () => {
    const received: { type: string; release?: { id: number } }[] = [];
    const server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      req.on("end", () => {
        received.push(JSON.parse(raw));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { release, since } = await runningRelease("stuck-notify");
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const notification = await createNotification("stuck-notify", { kind: "webhook", url, events: ["release.stuck"] }, admin);
      expect(notification.events).toEqual(["release.stuck"]);

      await recordStuckReleases(later(since, STUCK_AFTER_SECONDS + 1));
      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toEqual([expect.objectContaining({ type: "release.stuck", release: expect.objectContaining({ id: release.id }) })]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
