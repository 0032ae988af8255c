import { describe, expect, it } from "vitest";
import { sameJson } from "@/lib/json";
import { draftOf, targetOf, type TargetDraft } from "./target-draft";

const send = (draft: TargetDraft) => {
  const result = targetOf(draft);
  if (!("target" in result)) throw new Error(result.invalidJson);
  return result.target;
};

const metricChecks = [{ name: "errors", url: "https://prom.example.com", query: "rate(errors[1m])", comparison: ">", threshold: 5 }];
const stored = {
  simulated: { kind: "simulated", hosts: 8, restartSeconds: 1.5, failPercent: 0, checkSeconds: 2, stepTimeoutSeconds: 600, checks: ["Tests"] },
  agents: { kind: "agents", maxHosts: 500, hostTimeoutSeconds: 15, stepTimeoutSeconds: 600, checks: [], metricChecks },
  command: { kind: "command", hosts: ["web-1", "web-2"], checks: [{ name: "Smoke", run: "./smoke --token t0k" }], batch: { run: "./deploy" }, stepTimeoutSeconds: 120 },
  webhook: { kind: "webhook", url: "https://deploy.example.com/hook?key=k", hosts: ["a"], checks: [{ name: "Smoke" }], stepTimeoutSeconds: 600 },
};

describe("the target editor's draft", () => {
  it("sends every kind of target back exactly as stored when nothing was edited, fields it does not edit included", () => {
    for (const target of Object.values(stored)) expect(sameJson(send(draftOf(target)), target), JSON.stringify(target)).toBe(true);
  });

  it("keeps fields the form does not edit (metricChecks) as JSON while its own fields change", () => {
    const draft = draftOf(stored.agents);
    expect(JSON.parse(draft.other)).toEqual({ metricChecks });
    expect(send({ ...draft, maxHosts: "20" })).toMatchObject({ kind: "agents", maxHosts: 20, metricChecks });
  });

  it("switching kind keeps the check names and what was typed for each kind, so switching back loses nothing", () => {
    const draft = draftOf(stored.command);
    const asWebhook = { ...draft, kind: "webhook" as const, url: "https://hooks.example.com/deploy" };
    expect(send(asWebhook)).toEqual({ kind: "webhook", url: "https://hooks.example.com/deploy", hosts: ["web-1", "web-2"], checks: [{ name: "Smoke" }], stepTimeoutSeconds: 120 });
    expect(send({ ...asWebhook, kind: "simulated", hostCount: "3", restartSeconds: "0" })).toMatchObject({ kind: "simulated", hosts: 3, checks: ["Smoke"] });
    expect(sameJson(send({ ...asWebhook, kind: "command" }), stored.command)).toBe(true);
  });

  it("sends what was typed for the server to judge: blank means unset, a non-number goes as text", () => {
    const target = send({ ...draftOf(stored.simulated), hostCount: "eight", stepTimeoutSeconds: " ", failPercent: "" });
    expect(target).toMatchObject({ hosts: "eight" });
    expect(target).not.toHaveProperty("stepTimeoutSeconds");
    expect(target).not.toHaveProperty("failPercent");
    expect(send({ ...draftOf(stored.command), hostNames: " web-1\n\nweb-3 \n" }).hosts).toEqual(["web-1", "web-3"]);
  });

  it("says when the other fields are not a JSON object instead of sending them", () => {
    expect(targetOf({ ...draftOf(stored.simulated), other: "{ metricChecks: " })).toMatchObject({ invalidJson: expect.stringMatching(/not valid JSON/) });
    expect(targetOf({ ...draftOf(stored.simulated), other: "[1]" })).toMatchObject({ invalidJson: expect.stringMatching(/JSON object/) });
    expect(send({ ...draftOf(stored.simulated), other: "" })).not.toHaveProperty("checkSeconds");
  });
});
