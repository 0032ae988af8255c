import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { previewRollback, rollbackPipeline } from "./rollback";
import { addBuild, auditOf, createPipeline, simulatedClock, tickUntil } from "./testing";

afterAll(disconnect);

/** A pipeline with builds 1 and 2 deployed one after the other, so there is something to roll back to. */
async function twoReleases(slug: string) {
  const pipeline = await createPipeline(slug, { hosts: 2, restartSeconds: 1, batchPercent: 100, checkSeconds: 0 });
  const clock = simulatedClock();
  for (const number of [1, 2]) {
    const build = await addBuild(pipeline.id, number);
    await tickUntil(clock, pipeline.id, async () =>
      (await db.release.count({ where: { pipelineId: pipeline.id, buildId: build.id, state: "succeeded" } })) === 1,
    );
  }
  return pipeline;
}

describe("a rollback in a freeze or outside the deploy windows", () => {
  it("goes ahead only with a reason, says in its preview what it goes past, and audits it", async () => {
    const pipeline = await twoReleases("rollback-frozen");
    await db.freeze.create({
      data: { pipelineId: pipeline.id, from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 3_600_000), reason: "year-end close", by: "grace" },
    });
    expect((await previewRollback(pipeline.slug)).guardrails).toEqual([
      expect.objectContaining({ code: "frozen", message: "Deploys are frozen by grace: year-end close" }),
    ]);
    await expect(rollbackPipeline(pipeline.slug, "ada", {})).rejects.toMatchObject({
      status: 400, field: "reason", message: "Deploys are frozen by grace: year-end close. Rolling back goes past this: give a reason",
    });
    expect(await db.release.count({ where: { pipelineId: pipeline.id, kind: "rollback" } })).toBe(0);

    const { releaseId } = await rollbackPipeline(pipeline.slug, "ada", { reason: "checkout errors" });
    const audit = (await auditOf(pipeline.id)).find((event) => event.action === "rollback");
    expect(audit).toMatchObject({ releaseId, reason: "checkout errors", detail: expect.objectContaining({ overrides: ["frozen"] }) });
  });

  it("needs no reason when no guardrail holds", async () => {
    const pipeline = await twoReleases("rollback-free");
    expect((await previewRollback(pipeline.slug)).guardrails).toEqual([]);
    const { releaseId } = await rollbackPipeline(pipeline.slug, "ada", {});
    expect((await auditOf(pipeline.id)).find((event) => event.releaseId === releaseId)?.detail).not.toHaveProperty("overrides");
  });
});
