import { describe, expect, it } from "vitest";
import type { PipelineSettings } from "@/lib/views/pipeline-settings";
import { changesOf, settingsDraftOf } from "./settings-draft";

const stored: PipelineSettings = {
  name: "Web",
  repository: "acme/web",
  branch: "main",
  environment: "production",
  autoDeploy: true,
  autoRollback: false,
  batchPercent: 25,
  ciWorkflows: [],
  // As jsonb gives it back: keys in its own order.
  target: { kind: "command", hosts: ["web-1"], batch: { run: "./deploy" }, checks: [], stepTimeoutSeconds: 600 },
  windows: [{ days: ["mon"], from: "09:00", to: "17:00", timeZone: "UTC" }],
  upstream: { slug: "staging", bakeMinutes: 30 },
};

describe("the settings form's PATCH body", () => {
  it("sends nothing when nothing changed, and says so", () => {
    expect(changesOf(stored, settingsDraftOf(stored))).toEqual({ problem: { message: "Nothing changed: there is nothing to save." } });
  });

  it("sends only the fields that changed, the target and windows whole", () => {
    const draft = settingsDraftOf(stored);
    draft.batchPercent = "50";
    draft.target = { ...draft.target, batchRun: "./deploy --fast" };
    draft.windows = [{ ...stored.windows[0]!, to: "18:00" }];
    expect(changesOf(stored, draft)).toEqual({
      body: {
        batchPercent: 50,
        target: { kind: "command", hosts: ["web-1"], batch: { run: "./deploy --fast" }, checks: [], stepTimeoutSeconds: 600 },
        windows: [{ days: ["mon"], from: "09:00", to: "18:00", timeZone: "UTC" }],
      },
    });
  });

  it("clears the upstream with null, sends a new secret only when one was typed, and a blank number as null for the server to refuse", () => {
    const draft = { ...settingsDraftOf(stored), upstream: { slug: "", bakeMinutes: "30" }, webhookSecret: "a-new-secret-of-32-characters!!", batchPercent: "" };
    expect(changesOf(stored, draft)).toEqual({ body: { upstream: null, webhookSecret: "a-new-secret-of-32-characters!!", batchPercent: null } });
  });

  it("names the target as the field at fault when its other fields are not JSON", () => {
    const draft = settingsDraftOf(stored);
    draft.target = { ...draft.target, other: "{" };
    expect(changesOf(stored, draft)).toMatchObject({ problem: { field: "target" } });
  });
});
