import { afterAll, describe, expect, it } from "vitest";
import { disconnect } from "../db";
import { createPipeline, createPipelineInput } from "../pipelines/create";
import { effectiveTarget, getPipelineSettings } from "./pipeline-settings";

afterAll(disconnect);

const admin = { actor: "ada", role: "admin" as const };

describe("the pipeline settings view", () => {
  it("shows a target with the engine's defaults filled in and keeps fields the schema does not know", () => {
    const stored = { kind: "simulated", hosts: 4, restartSeconds: 1, laterOption: [{ name: "errors" }] };
    expect(effectiveTarget(stored)).toEqual({
      ...stored,
      failPercent: 0,
      stepTimeoutSeconds: 600,
      metricChecks: [],
      checks: ["Test suite rerun", "Staging smoke", "Pre-production smoke"],
    });
  });

  it("says whether a webhook secret is set without ever carrying it, and offers the other pipelines as upstreams", async () => {
    const input = (slug: string, extra: object = {}) =>
      createPipelineInput.parse({ slug, name: slug, repository: "acme/settings", target: { kind: "agents" }, ...extra });
    await createPipeline(input("settings-view", { webhookSecret: "a-pipeline-secret-of-32-chars!!!" }), admin);
    await createPipeline(input("settings-view-up"), admin);
    const view = await getPipelineSettings("settings-view");
    expect(view.webhookSecretSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain("a-pipeline-secret");
    expect(view.choices.upstreams).toContain("settings-view-up");
    expect(view.choices.upstreams).not.toContain("settings-view");
    expect(view.choices.timeZones).toEqual(expect.arrayContaining(["UTC", "Europe/Dublin", "America/New_York"]));
    expect((await getPipelineSettings("settings-view-up")).webhookSecretSet).toBe(false);
    await expect(getPipelineSettings("settings-view-none")).rejects.toMatchObject({ status: 404 });
  });
});
