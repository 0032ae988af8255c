import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { lockPipeline } from "../engine";
import { addBuild, createPipeline, simulatedClock, tickUntil } from "../engine/testing";
import { badgeFor, badgeSvg, pipelineBadge } from "./badge";

afterAll(disconnect);

const none = { locked: false, lockKind: null, active: null, current: null, lastFinished: null };

describe("status badge", () => {
  it("says deploying over a lock, a lock over the last result, and failed over live", () => {
    expect(badgeFor({ ...none, locked: true, lockKind: "manual", active: { number: 4 } })).toEqual({ state: "deploying", text: "deploying #4" });
    expect(badgeFor({ ...none, locked: true, lockKind: "manual", current: { number: 3 } })).toEqual({ state: "locked", text: "locked" });
    expect(badgeFor({ ...none, locked: true, lockKind: "rollback" })).toEqual({ state: "rolled-back", text: "rolled back" });
    expect(badgeFor({ ...none, current: { number: 3 }, lastFinished: { state: "failed" } })).toEqual({ state: "failed", text: "failed" });
    expect(badgeFor({ ...none, current: { number: 3 }, lastFinished: { state: "succeeded" } })).toEqual({ state: "live", text: "live #3" });
    expect(badgeFor(none)).toEqual({ state: "no-release", text: "no release" });
  });

  it("escapes what it draws", () => {
    expect(badgeSvg("a<b", "live", "x&y")).toContain("a&#60;b: x&#38;y");
  });

  it("keeps its ETag while nothing changes and changes it when the pipeline does", async () => {
    const pipeline = await createPipeline("badge-flow", { hosts: 2, restartSeconds: 1, batchPercent: 100 });
    const first = await pipelineBadge("badge-flow");
    expect(first.svg).toContain("no release");
    expect((await pipelineBadge("badge-flow")).etag).toBe(first.etag);

    await addBuild(pipeline.id, 1);
    const clock = simulatedClock();
    await tickUntil(clock, pipeline.id, async () => (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).currentReleaseId !== null);
    const live = await pipelineBadge("badge-flow");
    expect(live.svg).toContain("live #1");
    expect(live.etag).not.toBe(first.etag);

    await lockPipeline("badge-flow", "ada", "incident");
    expect((await pipelineBadge("badge-flow")).svg).toContain(">locked<");
    await expect(pipelineBadge("no-such-pipeline")).rejects.toMatchObject({ code: "not_found" });
  });
});
