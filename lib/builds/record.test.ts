import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import type { BuildEvent, BuildState } from "../webhooks/types";
import { recordBuildEvent } from "./record";

afterAll(disconnect);

async function pipeline(slug: string, repository = `acme/${slug}`) {
  return db.pipeline.create({ data: { slug, name: slug, repository, target: { kind: "simulated", hosts: 1 } } });
}

function event(externalId: string, state: BuildState, overrides: Partial<BuildEvent> = {}): BuildEvent {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + Number(externalId.replace(/\D/g, "")) * 60_000);
  const finished = state === "passed" || state === "failed" || state === "canceled";
  return {
    provider: "buildkite", externalId, number: Number(externalId.replace(/\D/g, "")), commitSha: `sha-${externalId}`,
    message: `Change ${externalId}`, author: "Ada", branch: "main", url: null, state, createdAt,
    startedAt: state === "scheduled" ? null : new Date(createdAt.getTime() + 1000),
    finishedAt: finished ? new Date(createdAt.getTime() + 300_000) : null, committedAt: null, repository: null,
    attempt: 1, workflow: null, pullRequest: null, ...overrides,
  };
}

// A deterministic shuffle, so a failure reproduces.
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const snapshot = (pipelineId: number) =>
  db.build.findMany({
    where: { pipelineId },
    orderBy: { externalId: "asc" },
    select: { externalId: true, number: true, state: true, commitSha: true, message: true, startedAt: true, finishedAt: true, createdAt: true },
  });

describe("recording build events", () => {
  it("gives the same builds from 1,000 events delivered twice and shuffled as from one delivery in order", async () => {
    const inOrder = await pipeline("record-in-order");
    const shuffled = await pipeline("record-shuffled");
    const events = Array.from({ length: 250 }, (_, i) => `b${i + 1}`).flatMap((id, i) => [
      event(id, "scheduled"),
      event(id, "running"),
      event(id, i % 7 === 0 ? "failed" : "passed"),
      event(id, i % 7 === 0 ? "failed" : "passed"), // a redelivery
    ]);
    expect(events).toHaveLength(1000);
    for (const e of events) await recordBuildEvent(e, [inOrder.id]);
    const twice = shuffle([...events, ...events], 42);
    // Deliver in concurrent bursts of 20 to exercise the atomic upsert.
    for (let i = 0; i < twice.length; i += 20) {
      await Promise.all(twice.slice(i, i + 20).map((e) => recordBuildEvent(e, [shuffled.id])));
    }
    const [a, b] = await Promise.all([snapshot(inOrder.id), snapshot(shuffled.id)]);
    expect(b).toEqual(a);
    expect(a).toHaveLength(250);
    expect(a.filter((build) => build.state === "failed")).toHaveLength(36);
  });

  it("never moves a finished build back to running, nor to another state finished at the same time", async () => {
    const p = await pipeline("record-forward");
    await recordBuildEvent(event("f1", "passed"), [p.id]);
    await recordBuildEvent(event("f1", "running", { startedAt: new Date(0) }), [p.id]);
    await recordBuildEvent(event("f1", "failed"), [p.id]);
    const build = await db.build.findFirstOrThrow({ where: { pipelineId: p.id } });
    expect(build.state).toBe("passed");
    expect(build.startedAt).toEqual(event("f1", "passed").startedAt);
  });

  it("lets a finished event with a later finish time move a finished build (a Buildkite job retried to green), never an earlier one", async () => {
    const p = await pipeline("record-retried");
    const failed = event("k1", "failed");
    await recordBuildEvent(failed, [p.id]);
    const later = new Date(failed.finishedAt!.getTime() + 600_000);
    await recordBuildEvent(event("k1", "passed", { finishedAt: later }), [p.id]);
    await recordBuildEvent(failed, [p.id]); // the first finish, delivered late
    await recordBuildEvent(event("k1", "running"), [p.id]);
    expect(await db.build.findFirstOrThrow({ where: { pipelineId: p.id } })).toMatchObject({ state: "passed", finishedAt: later });
  });

  it("lets a higher GitHub run attempt move a finished build, and ignores the older attempt's late events", async () => {
    const p = await pipeline("record-rerun");
    await recordBuildEvent(event("g1", "failed", { provider: "github" }), [p.id]);
    const rerunStart = new Date(Date.UTC(2026, 0, 2));
    await recordBuildEvent(event("g1", "running", { provider: "github", attempt: 2, startedAt: rerunStart }), [p.id]);
    const build = () => db.build.findFirstOrThrow({ where: { pipelineId: p.id } });
    expect(await build()).toMatchObject({ state: "running", attempt: 2, startedAt: rerunStart, finishedAt: null });
    await recordBuildEvent(event("g1", "failed", { provider: "github", finishedAt: new Date(Date.UTC(2026, 0, 3)) }), [p.id]);
    expect(await build()).toMatchObject({ state: "running", attempt: 2 });
    await recordBuildEvent(event("g1", "passed", { provider: "github", attempt: 2 }), [p.id]);
    expect(await build()).toMatchObject({ state: "passed", attempt: 2 });
  });

  it("keeps the pull request an event named, and fills it in when a later event is the first to name it", async () => {
    const p = await pipeline("record-pull-request");
    const pr = { number: 7, url: "https://github.com/acme/web/pull/7" };
    await recordBuildEvent(event("r1", "running"), [p.id]);
    await recordBuildEvent(event("r1", "passed", { pullRequest: pr }), [p.id]);
    await recordBuildEvent(event("r1", "passed", { pullRequest: null }), [p.id]);
    expect(await db.build.findFirstOrThrow({ where: { pipelineId: p.id } })).toMatchObject({ pullRequestNumber: 7, pullRequestUrl: pr.url });
  });

  it("records a delivery id once: a replay with any body changes nothing, and logs the delivery on the pipeline", async () => {
    const p = await pipeline("record-dedupe");
    const first = await recordBuildEvent(event("d1", "running"), [p.id], { id: "delivery-1", event: "build.running" });
    expect(first).toEqual([{ pipeline: p.slug, buildId: expect.any(Number), state: "running" }]);
    expect(await recordBuildEvent(event("d1", "failed"), [p.id], { id: "delivery-1", event: "build.finished" })).toEqual([]);
    expect((await db.build.findFirstOrThrow({ where: { pipelineId: p.id } })).state).toBe("running");
    expect(await recordBuildEvent(event("d1", "passed"), [p.id], { id: "delivery-2", event: "build.finished" })).toHaveLength(1);
    expect(await db.ciDelivery.findMany({ where: { pipelineId: p.id }, orderBy: { id: "asc" }, select: { outcome: true, deliveryId: true } }))
      .toEqual([{ outcome: "recorded", deliveryId: "delivery-1" }, { outcome: "recorded", deliveryId: "delivery-2" }]);
  });
});
