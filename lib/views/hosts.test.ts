import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { hostSummary, listHosts, listStepHosts, PIPELINE_VIEW_HOSTS } from "./hosts";
import { getPipeline } from "./pipelines";
import { getRollbackPreview } from "./rollback";

afterAll(disconnect);

/** An agents pipeline with two succeeded releases and `count` hosts in SQL (set-based, like a real fleet's rows). */
async function fleet(slug: string, count: number) {
  const pipeline = await db.pipeline.create({ data: { slug, name: slug, repository: `acme/${slug}`, target: { kind: "agents", stepTimeoutSeconds: 60 } } });
  const releases = [];
  for (const number of [1, 2]) {
    const build = await db.build.create({
      data: { pipelineId: pipeline.id, provider: "generic", externalId: `${slug}-${number}`, number, commitSha: `${number}`.repeat(7), branch: "main", state: "passed", createdAt: new Date(Date.now() + number) },
    });
    releases.push(await db.release.create({
      data: { pipelineId: pipeline.id, number, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded", startedAt: new Date(), finishedAt: new Date() },
    }));
  }
  const [old, current] = releases as [(typeof releases)[0], (typeof releases)[0]];
  await db.pipeline.update({ where: { id: pipeline.id }, data: { currentReleaseId: current.id } });
  await db.$executeRaw`
    INSERT INTO "Host" ("pipelineId", name, "releaseId", "desiredReleaseId", "desiredAt", healthy, "lastSeenAt")
    SELECT ${pipeline.id}, 'h-' || lpad(i::text, 5, '0'), ${current.id}, ${current.id}, now() - interval '1 hour', true, now()
    FROM generate_series(1, ${count}) i`;
  return { pipeline, old, current };
}

describe("hosts in pipeline views", () => {
  it("counts 10,000 hosts by state and release, lists at most 100 (problems first), and stays under 50 KB", async () => {
    const { pipeline, old, current } = await fleet("views-10k", 10_000);
    await db.$executeRaw`UPDATE "Host" SET "lastSeenAt" = now() - interval '1 minute' WHERE "pipelineId" = ${pipeline.id} AND name IN ('h-05000', 'h-00007')`;
    await db.$executeRaw`UPDATE "Host" SET healthy = false WHERE "pipelineId" = ${pipeline.id} AND name = 'h-00003'`;
    await db.$executeRaw`UPDATE "Host" SET "desiredReleaseId" = ${old.id}, "desiredAt" = now() WHERE "pipelineId" = ${pipeline.id} AND name = 'h-00009'`;
    // Runs a release it was never told: drift, never counted as converged.
    await db.$executeRaw`UPDATE "Host" SET "releaseId" = ${old.id} WHERE "pipelineId" = ${pipeline.id} AND name = 'h-00011'`;

    const view = await getPipeline("views-10k");
    expect(view.hostSummary).toEqual({
      total: 10_000, unreachable: 2, unhealthy: 1, switching: 2, healthy: 9_995, drift: 1,
      byRelease: [{ releaseId: current.id, count: 9_999 }, { releaseId: old.id, count: 1 }],
    });
    expect(view.hosts).toHaveLength(PIPELINE_VIEW_HOSTS);
    expect(view.hosts!.slice(0, 5).map((h) => [h.name, h.state, h.drift])).toEqual([
      ["h-00007", "unreachable", false], ["h-05000", "unreachable", false], ["h-00003", "unhealthy", false],
      ["h-00009", "switching", false], ["h-00011", "switching", true],
    ]);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(50_000);
  });

  it("pages every host by state and release with a cursor, and refuses a cursor it did not give out", async () => {
    const { current } = await fleet("views-paged", 250);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listHosts("views-paged", { limit: 100, cursor, release: current.id });
      seen.push(...page.items.map((h) => h.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect((await listHosts("views-paged", { limit: 100, state: "unreachable" })).items).toEqual([]);
    await expect(listHosts("views-paged", { limit: 10, cursor: "nope" })).rejects.toMatchObject({ status: 400, field: "cursor" });
    // Forged cursors whose contents Postgres would refuse (a NUL, a rank past int) are a 400 too, never a database error.
    const forged = (rank: unknown, name: unknown) => Buffer.from(JSON.stringify([rank, name])).toString("base64url");
    for (const cursor of [forged(1, "web\u0000"), forged(1e20, "web"), forged(1, "x".repeat(300))]) {
      await expect(listHosts("views-paged", { limit: 10, cursor })).rejects.toMatchObject({ status: 400, field: "cursor" });
    }
    await expect(listHosts("no-such", { limit: 10 })).rejects.toMatchObject({ status: 404 });
  });

  it("pages the hosts of one release step, problems first, and only those", async () => {
    const { pipeline, current } = await fleet("views-step", 3_000);
    const batchHosts = Array.from({ length: 2_500 }, (_, i) => `h-${String(i + 1).padStart(5, "0")}`);
    const step = await db.releaseStep.create({ data: { releaseId: current.id, kind: "batch", name: "Batch 1 of 2", position: 0, hosts: batchHosts } });
    await db.$executeRaw`UPDATE "Host" SET healthy = false WHERE "pipelineId" = ${pipeline.id} AND name IN ('h-02400', 'h-02900')`;

    const first = await listStepHosts(current.id, step.id, { limit: 200 });
    expect(first.items).toHaveLength(200);
    // The batch's unhealthy host comes first; the one outside the batch is not listed.
    expect(first.items[0]).toMatchObject({ name: "h-02400", state: "unhealthy" });
    const seen = first.items.map((h) => h.name);
    let cursor = first.nextCursor ?? undefined;
    while (cursor) {
      const page = await listStepHosts(current.id, step.id, { limit: 500, cursor });
      seen.push(...page.items.map((h) => h.name));
      cursor = page.nextCursor ?? undefined;
    }
    expect(seen.sort()).toEqual(batchHosts);
    expect((await listStepHosts(current.id, step.id, { limit: 10, state: "unhealthy" })).items.map((h) => h.name)).toEqual(["h-02400"]);
    await expect(listStepHosts(current.id + 1_000_000, step.id, { limit: 10 })).rejects.toMatchObject({ status: 404 });
    await expect(listStepHosts(current.id, step.id, { limit: 10, cursor: "nope" })).rejects.toMatchObject({ status: 400, field: "cursor" });
  });

  it("counts a simulated fleet's hosts as never unreachable: they do not report", async () => {
    const pipeline = await db.pipeline.create({ data: { slug: "views-sim", name: "s", repository: "acme/s", target: { kind: "simulated", hosts: 2, restartSeconds: 1 } } });
    await db.host.createMany({ data: [{ pipelineId: pipeline.id, name: "a" }, { pipelineId: pipeline.id, name: "b", lastSeenAt: new Date(0) }] });
    expect(await hostSummary(pipeline)).toMatchObject({ total: 2, unreachable: 0, healthy: 2 });
  });
});

describe("the rollback preview", () => {
  it("names the engine's own rule-5 decision, and answers the 409 a rollback would get", async () => {
    const { old, current } = await fleet("views-rollback", 2);
    const preview = await getRollbackPreview("views-rollback");
    expect([preview.from.id, preview.target.id]).toEqual([current.id, old.id]);
    expect(preview.from.steps).toEqual([]);
    // The pipeline's default 25% batches become the engine's rollback batches of at least half the hosts.
    expect(preview.batchPercent).toBe(50);
    const lone = await db.pipeline.create({ data: { slug: "views-rollback-none", name: "n", repository: "acme/n", target: { kind: "agents" } } });
    await expect(getRollbackPreview(lone.slug)).rejects.toMatchObject({ status: 409 });
    await expect(getRollbackPreview("views-rollback-missing")).rejects.toMatchObject({ status: 404 });
    expect(await db.release.count({ where: { pipelineId: lone.id } })).toBe(0);
  });
});
