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
    ...overrides,
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
    for (const e of events) await recordBuildEvent(e, inOrder.slug);
    const twice = shuffle([...events, ...events], 42);
    // Deliver in concurrent bursts of 20 to exercise the atomic upsert.
    for (let i = 0; i < twice.length; i += 20) {
      await Promise.all(twice.slice(i, i + 20).map((e) => recordBuildEvent(e, shuffled.slug)));
    }
    const [a, b] = await Promise.all([snapshot(inOrder.id), snapshot(shuffled.id)]);
    expect(b).toEqual(a);
    expect(a).toHaveLength(250);
    expect(a.filter((build) => build.state === "failed")).toHaveLength(36);
  });

  it("never moves a finished build back to running, nor to another finished state", async () => {
    const p = await pipeline("record-forward");
    await recordBuildEvent(event("f1", "passed"), p.slug);
    await recordBuildEvent(event("f1", "running", { startedAt: new Date(0) }), p.slug);
    await recordBuildEvent(event("f1", "failed"), p.slug);
    const build = await db.build.findFirstOrThrow({ where: { pipelineId: p.id } });
    expect(build.state).toBe("passed");
    expect(build.startedAt).toEqual(event("f1", "passed").startedAt);
  });

  it("records an event on every pipeline of its repository, whatever the branch, and on none when nothing matches", async () => {
    const production = await pipeline("record-prod", "acme/shared");
    const staging = await db.pipeline.create({
      data: { slug: "record-staging", name: "s", repository: "acme/shared", branch: "develop", target: { kind: "simulated", hosts: 1 } },
    });
    const result = await recordBuildEvent(event("r1", "passed", { repository: "acme/shared", branch: "feature/x" }), null);
    expect(result).toMatchObject({ recorded: true });
    expect(await db.build.count({ where: { pipelineId: { in: [production.id, staging.id] } } })).toBe(2);

    expect(await recordBuildEvent(event("r2", "passed", { repository: "acme/unknown" }), null)).toEqual({
      recorded: false,
      reason: "no pipeline for repository acme/unknown",
    });
    expect(await recordBuildEvent(event("r3", "passed"), "no-such-pipeline")).toMatchObject({ recorded: false });
    await recordBuildEvent(event("r4", "passed", { repository: "acme/unknown", branch: "dev" }), null);
    expect(await db.unmatchedDelivery.findUnique({ where: { provider_repository: { provider: "buildkite", repository: "acme/unknown" } } }))
      .toMatchObject({ count: 2, lastBranch: "dev" });
  });
});
