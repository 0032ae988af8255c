import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../../db";
import { addBuild, createPipeline } from "../testing";
import { inTransaction, lockPipelineRow } from "./transaction";

afterAll(disconnect);

describe("the engine's transactions", () => {
  it("turn the database's refusal of a second active release (rule 6's backstop) into a 409", async () => {
    const pipeline = await createPipeline("tx-backstop");
    const build = await addBuild(pipeline.id, 1);
    const release = { pipelineId: pipeline.id, buildId: build.id, kind: "deploy" as const, trigger: "auto" as const };
    await db.release.create({ data: { ...release, number: 1, state: "running" } });
    await expect(inTransaction((tx) => tx.release.create({ data: { ...release, number: 2, state: "pending" } }))).rejects.toMatchObject({
      status: 409, message: "Another release is already pending or running on this pipeline",
    });
    expect(await db.release.count({ where: { pipelineId: pipeline.id } })).toBe(1);
  });

  it("skip a pipeline another transaction holds, instead of waiting for it", async () => {
    const pipeline = await createPipeline("tx-skip-locked");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    const holder = inTransaction(async (tx) => {
      await lockPipelineRow(tx, { id: pipeline.id }, { skipLocked: false });
      holding();
      await held;
    });
    await taken;
    expect(await inTransaction((tx) => lockPipelineRow(tx, { id: pipeline.id }, { skipLocked: true }))).toBeNull();
    release();
    await holder;
    expect(await inTransaction((tx) => lockPipelineRow(tx, { slug: "tx-skip-locked" }, { skipLocked: true }))).toBe(pipeline.id);
  });
});
