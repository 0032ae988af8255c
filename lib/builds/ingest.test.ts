import { createHmac } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { ingestWebhook } from "./ingest";

afterAll(disconnect);

describe("webhook ingest", () => {
  it("keeps metrics fresh: a build finishing on a day the pipeline deploys nothing shows in that day's p75BuildMs", async () => {
    process.env.SHIPBOARD_WEBHOOK_SECRET = "ingest-test-secret";
    const pipeline = await db.pipeline.create({ data: { slug: "fresh-metrics", name: "Fresh", repository: "acme/fresh", target: { kind: "simulated" } } });
    const body = JSON.stringify({
      externalId: "fresh-1", number: 1, commitSha: "a".repeat(40), branch: "main", state: "passed", repository: "acme/fresh",
      createdAt: "2030-03-03T10:00:00Z", startedAt: "2030-03-03T10:00:00Z", finishedAt: "2030-03-03T10:05:00Z",
    });
    const signature = createHmac("sha256", "ingest-test-secret").update(body).digest("hex");
    const response = await ingestWebhook(
      "generic",
      new Request("http://localhost/api/webhooks/generic", { method: "POST", headers: { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${signature}` }, body }),
    );
    expect(response.status).toBe(200);
    const day = await db.dailyStat.findUnique({ where: { pipelineId_day: { pipelineId: pipeline.id, day: new Date("2030-03-03") } } });
    expect(day?.p75BuildMs).toBe(5 * 60_000);
    expect(day?.deploys).toBe(0);
  });
});
