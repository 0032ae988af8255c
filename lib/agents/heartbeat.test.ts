import { EventEmitter } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { tellHosts } from "../engine/store/write";
import { closeHeartbeatDb, flushHeartbeats, HeartbeatServer, parseHeartbeat, recordHeartbeat } from "./heartbeat";

afterAll(async () => {
  await closeHeartbeatDb();
  await disconnect();
});

async function pipelineWithRelease(slug: string, target: object = { kind: "agents" }, current = false) {
  const pipeline = await db.pipeline.create({ data: { slug, name: slug, repository: `acme/${slug}`, target } });
  const build = await db.build.create({
    data: { pipelineId: pipeline.id, provider: "generic", externalId: `${slug}-1`, number: 7, commitSha: "abc1234", branch: "main", state: "passed", createdAt: new Date() },
  });
  const release = await db.release.create({ data: { pipelineId: pipeline.id, number: 1, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded" } });
  if (current) await db.pipeline.update({ where: { id: pipeline.id }, data: { currentReleaseId: release.id } });
  return { pipeline, release, told: { id: release.id, number: 1, buildNumber: 7, commitSha: "abc1234" } };
}

const beat = (pipeline: string, host: string, release: number | null = null, extra: { healthy?: boolean; wait?: number } = {}) =>
  recordHeartbeat({ pipeline, host, release, healthy: extra.healthy ?? true, wait: extra.wait });

describe("agent heartbeats", () => {
  it("registers an unknown host on first contact and answers no release while the pipeline has none", async () => {
    await pipelineWithRelease("hb-register");
    expect((await beat("hb-register", "web-1")).release).toBeNull();
    const host = await db.host.findFirstOrThrow({ where: { name: "web-1", pipeline: { slug: "hb-register" } } });
    expect(host).toMatchObject({ healthy: true, releaseId: null, desiredReleaseId: null });
    expect(host.lastSeenAt).toBeInstanceOf(Date);
  });

  it("a change made without a notification still reaches hosts, within the periodic check's 5 s", async () => {
    const { pipeline, release, told } = await pipelineWithRelease("hb-missed");
    await beat("hb-missed", "web-1");
    // As if the notification were lost (a listener reconnecting): only the row changes.
    await db.host.updateMany({ where: { pipelineId: pipeline.id }, data: { desiredReleaseId: release.id } });
    const deadline = Date.now() + 8000;
    let answer = await beat("hb-missed", "web-1");
    while (answer.release === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await beat("hb-missed", "web-1");
    }
    expect(answer.release).toEqual(told);
  });

  it("tells a new host the pipeline's current release at once", async () => {
    const { pipeline, told } = await pipelineWithRelease("hb-new-host", { kind: "agents" }, true);
    expect((await beat("hb-new-host", "late-1")).release).toEqual(told);
    expect(await db.host.findFirstOrThrow({ where: { pipelineId: pipeline.id } })).toMatchObject({ desiredReleaseId: told.id });
  });

  it("answers the release the host should run, with its build and commit, a jittered next, and records what the host runs", async () => {
    const { pipeline, release, told } = await pipelineWithRelease("hb-desired");
    await db.host.create({ data: { pipelineId: pipeline.id, name: "web-1", desiredReleaseId: release.id } });
    const answer = await beat("hb-desired", "web-1");
    expect(answer.release).toEqual(told);
    const nexts = await Promise.all(Array.from({ length: 20 }, async () => (await beat("hb-desired", "web-1")).next));
    expect(Math.min(...nexts)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...nexts)).toBeLessThanOrEqual(6);
    expect(new Set(nexts).size).toBeGreaterThan(1);
    await beat("hb-desired", "web-1", release.id, { healthy: false });
    await flushHeartbeats();
    expect(await db.host.findFirstOrThrow({ where: { pipelineId: pipeline.id } })).toMatchObject({ releaseId: release.id, healthy: false });
  });

  it("records a reported release of another pipeline as none, and one it was never told as what it runs (drift), not as its desired release", async () => {
    const other = await pipelineWithRelease("hb-other");
    const mine = await pipelineWithRelease("hb-mine");
    await beat("hb-mine", "h");
    await beat("hb-mine", "h", other.release.id);
    await flushHeartbeats();
    expect(await db.host.findFirstOrThrow({ where: { name: "h", pipelineId: mine.pipeline.id } })).toMatchObject({ releaseId: null });
    await beat("hb-mine", "h", mine.release.id);
    await flushHeartbeats();
    expect(await db.host.findFirstOrThrow({ where: { name: "h", pipelineId: mine.pipeline.id } })).toMatchObject({ releaseId: mine.release.id, desiredReleaseId: null });
    await expect(beat("hb-nope", "h")).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a pipeline whose target is not agents with 409, writing nothing", async () => {
    const { pipeline } = await pipelineWithRelease("hb-simulated", { kind: "simulated", hosts: 2, restartSeconds: 1 });
    await expect(beat("hb-simulated", "h")).rejects.toMatchObject({ status: 409 });
    expect(await db.host.count({ where: { pipelineId: pipeline.id } })).toBe(0);
  });

  it("refuses a new host past target.maxHosts with 409 but keeps answering the hosts it has", async () => {
    const { pipeline } = await pipelineWithRelease("hb-max", { kind: "agents", maxHosts: 3 });
    for (const host of ["a", "b", "c"]) await beat("hb-max", host);
    for (let i = 0; i < 50; i++) await expect(beat("hb-max", `extra-${i}`)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("maxHosts") });
    expect(await db.host.count({ where: { pipelineId: pipeline.id } })).toBe(3);
    expect((await beat("hb-max", "b")).release).toBeNull();
  });

  it("holds target.maxHosts when many new hosts register at once on several nodes", async () => {
    const { pipeline } = await pipelineWithRelease("hb-max-race", { kind: "agents", maxHosts: 100 });
    const nodes = Array.from({ length: 6 }, () => new HeartbeatServer());
    try {
      const answers = await Promise.allSettled(
        Array.from({ length: 600 }, (_, i) => nodes[i % nodes.length]!.record({ pipeline: "hb-max-race", host: `new-${i}`, healthy: true })),
      );
      expect(answers.filter((answer) => answer.status === "fulfilled")).toHaveLength(100);
      const refusals = answers.filter((answer) => answer.status === "rejected").map((answer) => answer.reason);
      expect(refusals).toHaveLength(500);
      expect(refusals.every((error) => error.status === 409)).toBe(true);
      expect(await db.host.count({ where: { pipelineId: pipeline.id } })).toBe(100);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });

  it("answers a long poll the moment the engine's transaction that changes the host's release commits", async () => {
    const { pipeline, release, told } = await pipelineWithRelease("hb-notify");
    await beat("hb-notify", "web-1"); // registered and cached
    const started = Date.now();
    const polled = beat("hb-notify", "web-1", null, { wait: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const toldAt = Date.now();
    await db.$transaction((tx) => tellHosts(tx, pipeline.id, release.id, ["web-1"], new Date()));
    const answer = await polled;
    expect(answer.release).toEqual(told);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - toldAt).toBeLessThan(1000);
  });

  it("answers a long poll whose release does not change after `wait` seconds, and at once when the host runs something else", async () => {
    const { pipeline, release } = await pipelineWithRelease("hb-wait");
    await db.host.create({ data: { pipelineId: pipeline.id, name: "web-1", desiredReleaseId: release.id } });
    let started = Date.now();
    expect((await beat("hb-wait", "web-1", release.id, { wait: 0.5 })).release?.id).toBe(release.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    started = Date.now();
    expect((await beat("hb-wait", "web-1", null, { wait: 10 })).release?.id).toBe(release.id);
    expect(Date.now() - started).toBeLessThan(300);
  });

  it("ends a long poll when its caller goes away", async () => {
    await pipelineWithRelease("hb-abort");
    await beat("hb-abort", "web-1");
    const connection = Object.assign(new EventEmitter(), { destroyed: false });
    const started = Date.now();
    const polled = recordHeartbeat({ pipeline: "hb-abort", host: "web-1", release: null, healthy: true, wait: 20 }, connection);
    setTimeout(() => {
      connection.destroyed = true;
      connection.emit("close");
    }, 100);
    await polled;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("rejects malformed heartbeats with the field at fault", () => {
    expect(() => parseHeartbeat({ pipeline: "x", host: "", healthy: true })).toThrow(/host/);
    expect(() => parseHeartbeat({ pipeline: "x", host: "h".repeat(10_000), healthy: true })).toThrow(expect.objectContaining({ field: "host" }));
    expect(() => parseHeartbeat({ pipeline: "x", host: "h", healthy: "yes" })).toThrow(expect.objectContaining({ field: "healthy" }));
    expect(() => parseHeartbeat({ pipeline: "x", host: "h", healthy: true, wait: 31 })).toThrow(expect.objectContaining({ field: "wait" }));
  });
});
