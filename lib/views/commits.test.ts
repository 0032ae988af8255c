import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { lockPipeline, rollbackPipeline, unlockPipeline } from "../engine";
import { createPipeline, simulatedClock, tickUntil } from "../engine/testing";
import type { BuildState } from "../engine/decide/facts";
import { getCommit, searchCommits } from "./commits";

afterAll(disconnect);

/** A distinct sha per (test, number): 8-character prefixes name one commit. */
const shaOf = (tag: number, n: number) => `${tag.toString(16).padStart(4, "0")}${n.toString(16).padStart(4, "0")}`.padEnd(40, "e");

function addCommitBuild(pipelineId: number, tag: number, n: number, state: BuildState = "passed", extra: { author?: string; message?: string } = {}) {
  return db.build.create({
    data: {
      pipelineId, provider: "generic", externalId: `c${n}`, number: n, commitSha: shaOf(tag, n), branch: "main", state,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)), ...extra,
    },
  });
}

const stateOf = async (sha: string) => (await getCommit(sha.slice(0, 8))).pipelines[0]!;
const currentBuildId = async (pipelineId: number) =>
  (await db.pipeline.findUniqueOrThrow({ where: { id: pipelineId }, include: { currentRelease: true } })).currentRelease?.buildId;

describe("where is my change", () => {
  it("follows a commit from building through waiting and deploying (N of M hosts, the batch) to live", async () => {
    const pipeline = await createPipeline("commit-flow", { hosts: 4, restartSeconds: 10, batchPercent: 50 });
    const clock = simulatedClock();
    const build = await addCommitBuild(pipeline.id, 1, 1, "running", { author: "ada@example.com", message: "Faster checkout" });
    expect(await stateOf(build.commitSha)).toMatchObject({ slug: "commit-flow", state: "building", release: null, blocker: null, hostsOn: 0, hostsTotal: 4 });

    await db.build.update({ where: { id: build.id }, data: { state: "passed" } });
    const waiting = await stateOf(build.commitSha);
    expect(waiting).toMatchObject({ state: "waiting", blocker: { code: "waiting-for-tick" } });

    await lockPipeline("commit-flow", "ada", "investigating");
    expect(await stateOf(build.commitSha)).toMatchObject({ state: "waiting", blocker: { code: "locked", message: expect.stringContaining("investigating") } });
    await unlockPipeline("commit-flow", "ada");

    await tickUntil(clock, pipeline.id, async () =>
      (await db.releaseStep.count({ where: { release: { pipelineId: pipeline.id }, name: "Batch 2 of 2", state: "running" } })) === 1,
    );
    const deploying = await stateOf(build.commitSha);
    expect(deploying).toMatchObject({ state: "deploying", blocker: null, hostsOn: 2, hostsTotal: 4, batch: "Batch 2 of 2", release: { number: 1, state: "running" } });

    await tickUntil(clock, pipeline.id, async () => (await currentBuildId(pipeline.id)) === build.id);
    const live = await getCommit(build.commitSha);
    expect(live).toMatchObject({ sha: build.commitSha, author: "ada@example.com", message: "Faster checkout" });
    expect(live.pipelines[0]).toMatchObject({ state: "live", hostsOn: 4, liveAt: expect.any(String), estimatedLiveAt: null, release: { number: 1 } });
  });

  it("says superseded when a newer commit went live first, and rolled back (by whom, why), then both once a fix carries it again", async () => {
    const pipeline = await createPipeline("commit-rollback", { hosts: 2, restartSeconds: 5, batchPercent: 50 });
    const clock = simulatedClock();
    const good = await addCommitBuild(pipeline.id, 2, 1);
    await tickUntil(clock, pipeline.id, async () => (await currentBuildId(pipeline.id)) === good.id);

    const skipped = await addCommitBuild(pipeline.id, 2, 2);
    const bad = await addCommitBuild(pipeline.id, 2, 3);
    await tickUntil(clock, pipeline.id, async () => (await currentBuildId(pipeline.id)) === bad.id);
    expect(await stateOf(skipped.commitSha)).toMatchObject({ state: "superseded", release: { number: 2, build: { id: bad.id } }, liveAt: expect.any(String) });
    expect(await stateOf(good.commitSha)).toMatchObject({ state: "live", release: { number: 1 } });

    await rollbackPipeline("commit-rollback", "grace", { reason: "error spike" });
    const rolledBack = await stateOf(bad.commitSha);
    expect(rolledBack).toMatchObject({
      state: "rolled-back", release: { number: 2 }, rolledBack: { number: 3, by: "grace", reason: "error spike" },
    });
    expect(await stateOf(skipped.commitSha)).toMatchObject({ state: "rolled-back" });
    expect(await stateOf(good.commitSha)).toMatchObject({ state: "live", rolledBack: null });

    await tickUntil(clock, pipeline.id, async () => (await db.release.count({ where: { pipelineId: pipeline.id, state: { in: ["pending", "running"] } } })) === 0);
    await unlockPipeline("commit-rollback", "grace");
    const fix = await addCommitBuild(pipeline.id, 2, 4);
    await tickUntil(clock, pipeline.id, async () => (await currentBuildId(pipeline.id)) === fix.id);
    expect(await stateOf(bad.commitSha)).toMatchObject({ state: "superseded", release: { number: 4 }, rolledBack: { number: 3, by: "grace" } });
  });

  it("says failed-ci when any of the commit's builds failed and nothing newer carried it", async () => {
    const pipeline = await createPipeline("commit-ci", { hosts: 1 });
    const build = await addCommitBuild(pipeline.id, 3, 1, "failed");
    expect(await stateOf(build.commitSha)).toMatchObject({ state: "failed-ci", release: null, estimatedLiveAt: null });
  });

  it("refuses a short or non-hex sha (400), an unknown one (404) and a prefix naming two commits (409)", async () => {
    const pipeline = await createPipeline("commit-errors", { hosts: 1 });
    await db.build.create({ data: { pipelineId: pipeline.id, provider: "generic", externalId: "x1", commitSha: "abcdef0".padEnd(40, "1"), branch: "main", state: "passed", createdAt: new Date() } });
    await db.build.create({ data: { pipelineId: pipeline.id, provider: "generic", externalId: "x2", commitSha: "abcdef0".padEnd(40, "2"), branch: "main", state: "passed", createdAt: new Date() } });
    await expect(getCommit("abc12")).rejects.toMatchObject({ code: "bad_request", field: "sha" });
    await expect(getCommit("zzzzzzzz")).rejects.toMatchObject({ code: "bad_request" });
    await expect(getCommit("0123456789")).rejects.toMatchObject({ code: "not_found" });
    await expect(getCommit("abcdef0")).rejects.toMatchObject({ code: "conflict" });
    expect((await getCommit("ABCDEF01")).sha).toBe("abcdef0".padEnd(40, "1"));
  });

  it("searches recent commits by sha prefix, author and message words, each with its state per pipeline", async () => {
    const pipeline = await createPipeline("commit-search", { hosts: 1 });
    const recent = (n: number) => ({ createdAt: new Date(Date.now() - n * 60_000) });
    const mine = await db.build.create({
      data: { pipelineId: pipeline.id, provider: "generic", externalId: "s1", commitSha: "5ea4c40".padEnd(40, "1"), branch: "main", state: "running", author: "Linus <linus@example.com>", message: "Fix the 100% CPU loop in search", ...recent(2) },
    });
    await db.build.create({
      data: { pipelineId: pipeline.id, provider: "generic", externalId: "s2", commitSha: "5ea4c40".padEnd(40, "2"), branch: "main", state: "passed", author: "grace@example.com", message: "Search: faster loop", ...recent(1) },
    });
    const shas = async (q: string) => (await searchCommits(q)).items.map((c) => c.sha);
    expect(await shas("linus")).toEqual([mine.commitSha]);
    expect(await shas("loop search")).toEqual(["5ea4c40".padEnd(40, "2"), mine.commitSha]);
    expect(await shas("100%")).toEqual([mine.commitSha]);
    expect(await shas("5ea4c401")).toEqual([mine.commitSha]);
    expect(await shas("nothing-like-this")).toEqual([]);
    expect((await searchCommits("linus")).items[0]!.pipelines).toEqual([expect.objectContaining({ slug: "commit-search", state: "building" })]);
  });
});
