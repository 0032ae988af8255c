import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { DELIVERIES_KEPT, logDeliveries, pruneDeliveries, recentDeliveries } from "./deliveries";

afterAll(disconnect);

describe("the delivery log", () => {
  it("keeps the newest 50 deliveries of each pipeline and forgets delivery ids after 7 days", async () => {
    const pipeline = await db.pipeline.create({ data: { slug: "deliveries", name: "d", repository: "acme/d", target: { kind: "simulated", hosts: 1 } } });
    const entry = (n: number) => ({ pipelineId: pipeline.id, provider: "github" as const, outcome: "refused" as const, status: 401, reason: `r${n}`, event: "workflow_run", deliveryId: null });
    await logDeliveries(Array.from({ length: 70 }, (_, n) => entry(n)));
    await db.webhookDelivery.createMany({ data: [{ provider: "github", deliveryId: "old", receivedAt: new Date(Date.now() - 8 * 86_400_000) }, { provider: "github", deliveryId: "new" }] });

    await pruneDeliveries([pipeline.id], 0);
    const kept = await recentDeliveries(pipeline.id);
    expect(kept).toHaveLength(DELIVERIES_KEPT);
    expect(kept[0]?.reason).toBe("r69");
    expect(kept.at(-1)?.reason).toBe("r20");
    expect((await db.webhookDelivery.findMany({ where: { deliveryId: { in: ["old", "new"] } } })).map((d) => d.deliveryId)).toEqual(["new"]);
  });
});
