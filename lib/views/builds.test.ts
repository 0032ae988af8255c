import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { getBuild, listBuilds } from "./builds";
import { listReleases } from "./releases";

afterAll(disconnect);

async function pipelineWithBuilds(slug: string, createdAtMinutes: number[]) {
  const pipeline = await db.pipeline.create({ data: { slug, name: slug, repository: `acme/${slug}`, target: { kind: "simulated" } } });
  const builds = [];
  for (const [index, minute] of createdAtMinutes.entries()) {
    builds.push(
      await db.build.create({
        data: {
          pipelineId: pipeline.id, provider: "generic", externalId: `b${index}`, number: index, commitSha: `sha${index}`, branch: "main",
          state: "passed", createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
        },
      }),
    );
  }
  return { pipeline, builds };
}

describe("build views", () => {
  it("lists builds newest first by CI createdAt, not arrival, across cursor pages", async () => {
    // Arrival order (ids) 0..4; CI creation minutes say 3, 0, 4, 1, 2 (a late webhook for an old build arrives second).
    const { builds } = await pipelineWithBuilds("order-by-created", [30, 0, 40, 10, 20, 20]);
    const expected = [builds[2], builds[0], builds[5], builds[4], builds[3], builds[1]].map((b) => b!.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listBuilds("order-by-created", { limit: 2, cursor });
      seen.push(...page.items.map((b) => b.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
    await expect(listBuilds("order-by-created", { limit: 2, cursor: "bm9wZQ" })).rejects.toMatchObject({ field: "cursor" });
    // Forged cursors Postgres or Prisma would refuse (an id past int, a time past Date's range) are a 400, never a 500.
    const forged = (text: string) => Buffer.from(text).toString("base64url");
    for (const cursor of [forged("1700000000000.99999999999"), forged("9000000000000000.1")]) {
      await expect(listBuilds("order-by-created", { limit: 2, cursor })).rejects.toMatchObject({ status: 400, field: "cursor" });
    }
    await expect(listReleases("order-by-created", { limit: 2, cursor: forged("99999999999") })).rejects.toMatchObject({ status: 400, field: "cursor" });
  });

  it("fills estimatedFinishAt for an active release in the build and release lists (P75 of past releases)", async () => {
    const { pipeline, builds } = await pipelineWithBuilds("estimate-views", [0, 1]);
    const started = new Date(Date.UTC(2026, 0, 1, 1));
    await db.release.create({
      data: {
        pipelineId: pipeline.id, number: 1, buildId: builds[0]!.id, kind: "deploy", trigger: "auto", state: "succeeded",
        startedAt: started, finishedAt: new Date(started.getTime() + 60_000),
      },
    });
    await db.release.create({ data: { pipelineId: pipeline.id, number: 2, buildId: builds[1]!.id, kind: "deploy", trigger: "auto", state: "running", startedAt: started } });
    const expected = new Date(started.getTime() + 60_000).toISOString();
    expect((await getBuild(builds[1]!.id)).releases[0]).toMatchObject({ state: "running", estimatedFinishAt: expected });
    expect((await listReleases("estimate-views", { limit: 10 })).items[0]).toMatchObject({ state: "running", estimatedFinishAt: expected });
  });
});
