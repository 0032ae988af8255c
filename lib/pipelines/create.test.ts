import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { getPipeline, listPipelines } from "../views/pipelines";
import { createPipeline, createPipelineInput } from "./create";

afterAll(disconnect);

const admin = { actor: "ada", role: "admin" as const };
const base = { slug: "ci-create", name: "Web", repository: "Acme/Web", target: { kind: "simulated", hosts: 1, restartSeconds: 0, failPercent: 0 } };

describe("creating a pipeline with CI settings", () => {
  it("stores ciWorkflows and the webhook secret, and no answer ever carries the secret", async () => {
    const input = createPipelineInput.parse({ ...base, ciWorkflows: ["lint", "tests", "lint"], webhookSecret: "whsec-0123456789abcdef" });
    await createPipeline(input, admin);
    const stored = await db.pipeline.findUniqueOrThrow({ where: { slug: "ci-create" } });
    expect(stored).toMatchObject({ ciWorkflows: ["lint", "tests"], webhookSecret: "whsec-0123456789abcdef", repository: "acme/web" });

    const view = await getPipeline("ci-create");
    expect(view).toMatchObject({ ciWorkflows: ["lint", "tests"] });
    const answers = JSON.stringify([view, await listPipelines(), await db.auditEvent.findMany({ where: { pipelineId: stored.id } })]);
    expect(answers).not.toContain("whsec-0123456789abcdef");
    expect(answers).not.toContain("webhookSecret");
  });

  it("defaults to recording every workflow and to the server's secret", () => {
    expect(createPipelineInput.parse(base)).toMatchObject({ ciWorkflows: [] });
    expect(createPipelineInput.parse(base).webhookSecret).toBeUndefined();
  });

  it("refuses a short or spaced secret and an empty workflow name, naming the field", () => {
    for (const bad of [{ webhookSecret: "short" }, { webhookSecret: "has a space in it, long enough" }, { ciWorkflows: [" "] }]) {
      const result = createPipelineInput.safeParse({ ...base, ...bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe(Object.keys(bad)[0]);
    }
  });
});
