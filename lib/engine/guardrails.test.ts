// The guardrails on a real database through the real tick: CD waits while a gate says no, and goes once it lifts.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { addFreeze, removeFreeze } from "./freezes";
import { addBuild, auditOf, createPipeline } from "./testing";
import { tick } from "./tick";

afterAll(disconnect);

const releasesOf = (pipelineId: number) => db.release.count({ where: { pipelineId } });

describe("guardrails in the tick", () => {
  it("holds CD outside the deploy windows, with the next opening as `until`, and deploys once a window opens", async () => {
    const pipeline = await createPipeline("guard-window");
    await db.pipeline.update({ where: { id: pipeline.id }, data: { windows: [{ days: ["wed"], from: "09:00", to: "10:00", timeZone: "UTC" }] } });
    await addBuild(pipeline.id, 1);
    const tuesdayNoon = new Date("2026-12-01T12:00:00Z");

    await tick({ now: tuesdayNoon });
    expect(await releasesOf(pipeline.id)).toBe(0);
    expect((await blockersFor([pipeline.id], tuesdayNoon)).get(pipeline.id)).toMatchObject({
      code: "outside-window", until: new Date("2026-12-02T09:00:00Z"),
    });

    await tick({ now: new Date("2026-12-02T09:00:00Z") });
    expect(await releasesOf(pipeline.id)).toBe(1);
  });

  it("holds CD during a freeze with blocker frozen until its end; adding and removing it are audited with their reason", async () => {
    const pipeline = await createPipeline("guard-freeze");
    await addBuild(pipeline.id, 1);
    const from = new Date(Date.now() - 60_000);
    const to = new Date(Date.now() + 3_600_000);
    const freeze = await addFreeze("guard-freeze", "ada", { from, to, reason: "Black Friday" });

    await tick({ now: new Date() });
    expect(await releasesOf(pipeline.id)).toBe(0);
    expect((await blockersFor([pipeline.id])).get(pipeline.id)).toMatchObject({ code: "frozen", until: to });

    await removeFreeze(freeze.id, "bob");
    await expect(removeFreeze(freeze.id, "bob")).rejects.toMatchObject({ code: "not_found" });
    await tick({ now: new Date() });
    expect(await releasesOf(pipeline.id)).toBe(1);
    const audit = (await auditOf(pipeline.id)).filter((event) => event.action.startsWith("freeze"));
    expect(audit.map((event) => [event.action, event.actor, event.reason])).toEqual([
      ["freeze.create", "ada", "Black Friday"], ["freeze.delete", "bob", "Black Friday"],
    ]);
  });

  it("lets CD go on by itself once a freeze has ended", async () => {
    const pipeline = await createPipeline("guard-freeze-ends");
    await addBuild(pipeline.id, 1);
    const to = new Date(Date.now() + 3_600_000);
    await addFreeze("guard-freeze-ends", "ada", { from: new Date(), to, reason: "maintenance" });
    await tick({ now: new Date(to.getTime() - 1000) });
    expect(await releasesOf(pipeline.id)).toBe(0);
    await tick({ now: to });
    expect(await releasesOf(pipeline.id)).toBe(1);
  });

  it("refuses a freeze that ends before it starts, and writes nothing", async () => {
    const pipeline = await createPipeline("guard-freeze-bad");
    await expect(addFreeze("guard-freeze-bad", "ada", { from: new Date(Date.now() + 2000), to: new Date(Date.now() + 1000), reason: "x" }))
      .rejects.toMatchObject({ code: "bad_request", field: "to" });
    expect(await db.freeze.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect(await auditOf(pipeline.id)).toEqual([]);
  });
});
