// The guardrails on a real database through the real tick: CD waits while a gate says no, and goes once it lifts.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { blockersFor } from "./blockers";
import { addBuild, createPipeline } from "./testing";
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
});
