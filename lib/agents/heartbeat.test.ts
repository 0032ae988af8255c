import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { tellHosts } from "../engine/store/write";
import { closeHeartbeatDb, flushHeartbeats, parseHeartbeat, recordHeartbeat } from "./heartbeat";

afterAll(async () => {
  await closeHeartbeatDb();
  await disconnect();
});

async function pipelineWithRelease(slug: string) {
  const pipeline = await db.pipeline.create({ data: { slug, name: slug, repository: `acme/${slug}`, target: { kind: "agents" } } });
  const build = await db.build.create({
    data: { pipelineId: pipeline.id, provider: "generic", externalId: `${slug}-1`, commitSha: "abc1234", branch: "main", state: "passed", createdAt: new Date() },
  });
  const release = await db.release.create({ data: { pipelineId: pipeline.id, number: 1, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded" } });
  return { pipeline, release };
}

describe("agent heartbeats", () => {
  it("registers an unknown host on first contact and answers no release until it is told one", async () => {
    await pipelineWithRelease("hb-register");
    expect(await recordHeartbeat({ pipeline: "hb-register", host: "web-1", release: null, healthy: true })).toEqual({ release: null });
    const host = await db.host.findFirstOrThrow({ where: { name: "web-1", pipeline: { slug: "hb-register" } } });
    expect(host).toMatchObject({ healthy: true, releaseId: null });
    expect(host.lastSeenAt).toBeInstanceOf(Date);
  });

  it("answers the release the host should run, with its commit, and records what the host runs", async () => {
    const { pipeline, release } = await pipelineWithRelease("hb-desired");
    await db.host.create({ data: { pipelineId: pipeline.id, name: "web-1", desiredReleaseId: release.id } });
    expect(await recordHeartbeat({ pipeline: "hb-desired", host: "web-1", release: null, healthy: true })).toEqual({
      release: { id: release.id, number: 1, commitSha: "abc1234" },
    });
    await recordHeartbeat({ pipeline: "hb-desired", host: "web-1", release: release.id, healthy: false });
    await flushHeartbeats();
    expect(await db.host.findFirstOrThrow({ where: { pipelineId: pipeline.id } })).toMatchObject({ releaseId: release.id, healthy: false });
  });

  it("ignores a reported release of another pipeline and refuses an unknown pipeline with 404", async () => {
    const other = await pipelineWithRelease("hb-other");
    await pipelineWithRelease("hb-mine");
    await recordHeartbeat({ pipeline: "hb-mine", host: "h", release: null, healthy: true });
    await recordHeartbeat({ pipeline: "hb-mine", host: "h", release: other.release.id, healthy: true });
    await flushHeartbeats();
    expect(await db.host.findFirstOrThrow({ where: { name: "h", pipeline: { slug: "hb-mine" } } })).toMatchObject({ releaseId: null });
    await expect(recordHeartbeat({ pipeline: "hb-nope", host: "h", release: null, healthy: true })).rejects.toMatchObject({ status: 404 });
  });

  it("answers a new desired release as soon as the engine's transaction that sets it commits", async () => {
    const { pipeline, release } = await pipelineWithRelease("hb-notify");
    await recordHeartbeat({ pipeline: "hb-notify", host: "web-1", release: null, healthy: true }); // cached now
    await db.$transaction((tx) => tellHosts(tx, pipeline.id, release.id, ["web-1"], new Date()));
    const started = Date.now();
    let answer = await recordHeartbeat({ pipeline: "hb-notify", host: "web-1", release: null, healthy: true });
    while (answer.release === null && Date.now() - started < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      answer = await recordHeartbeat({ pipeline: "hb-notify", host: "web-1", release: null, healthy: true });
    }
    expect(answer.release?.id).toBe(release.id);
  });

  it("rejects malformed heartbeats with the field at fault", () => {
    expect(() => parseHeartbeat({ pipeline: "x", host: "", healthy: true })).toThrow(/host/);
    expect(() => parseHeartbeat({ pipeline: "x", host: "h", healthy: "yes" })).toThrow(expect.objectContaining({ field: "healthy" }));
  });
});
