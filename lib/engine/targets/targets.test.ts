import { describe, expect, it } from "vitest";
import type { MovingHost } from "../decide/facts";
import { at, T0 } from "../decide/test-fixtures";
import { checkNamesOf, DEFAULT_CHECKS, parseTarget, targetSchema, type SimulatedTarget } from "./schema";
import { checkSeconds, failsOn, restartMs, simulatedTarget } from "./simulated";
import { targetFor } from "./target";

const fleet = (overrides: Partial<SimulatedTarget> = {}) => parseTarget({ kind: "simulated", hosts: 100, restartSeconds: 10, ...overrides }) as SimulatedTarget;
const moving = (name: string, kind: MovingHost["desiredReleaseKind"] = "deploy"): MovingHost => ({
  id: 1, name, desiredReleaseId: 42, desiredReleaseKind: kind, desiredAt: T0,
});
const names = Array.from({ length: 1000 }, (_, i) => `web-${String(i + 1).padStart(4, "0")}`);

describe("target settings", () => {
  it("fills the defaults: failPercent 0, stepTimeoutSeconds 600, the three checks and no metric checks", () => {
    expect(parseTarget({ kind: "simulated", hosts: 3, restartSeconds: 5 })).toEqual({
      kind: "simulated", hosts: 3, restartSeconds: 5, failPercent: 0, stepTimeoutSeconds: 600, checks: DEFAULT_CHECKS, metricChecks: [],
    });
    expect(parseTarget({ kind: "agents" })).toEqual({
      kind: "agents", stepTimeoutSeconds: 600, maxHosts: 10_000, hostTimeoutSeconds: 15, checks: DEFAULT_CHECKS, metricChecks: [],
    });
  });

  it("accepts every kind of SPEC, each with a step timeout and metric checks", () => {
    const metricChecks = [{
      name: "Error rate", url: "https://prometheus.example.com", query: "sum(rate(errors[1m]))", comparison: ">", threshold: 0.05,
      intervalSeconds: 15, failuresAllowed: 2, bakeSeconds: 300, onNoData: "fail",
    }];
    for (const target of [
      { kind: "command", hosts: ["web-1"], checks: [{ name: "Tests", run: "make check" }], batch: { run: "./deploy.sh" }, stepTimeoutSeconds: 60, metricChecks },
      { kind: "webhook", url: "https://deploy.example.com/steps", hosts: ["web-1"], checks: [{ name: "Smoke" }], stepTimeoutSeconds: 60, metricChecks: [] },
      { kind: "agents", checks: ["Smoke"], stepTimeoutSeconds: 60, maxHosts: 5, hostTimeoutSeconds: 30, metricChecks },
      { kind: "simulated", hosts: 2, restartSeconds: 1, failPercent: 0, checks: [], stepTimeoutSeconds: 60, metricChecks },
    ]) {
      expect(targetSchema.parse(target)).toEqual(target);
    }
  });

  it.each([
    [{ kind: "simulated", hosts: 0, restartSeconds: 1 }, "target.hosts"],
    [{ kind: "simulated", hosts: 10_001, restartSeconds: 1 }, "target.hosts"],
    [{ kind: "simulated", hosts: 1.5, restartSeconds: 1 }, "target.hosts"],
    [{ kind: "simulated", hosts: 1, restartSeconds: 3_601 }, "target.restartSeconds"],
    [{ kind: "simulated", hosts: 1, restartSeconds: 1, failPercent: 101 }, "target.failPercent"],
    [{ kind: "agents", stepTimeoutSeconds: 0 }, "target.stepTimeoutSeconds"],
    [{ kind: "agents", maxHosts: 10_001 }, "target.maxHosts"],
    [{ kind: "agents", hostTimeoutSeconds: 0 }, "target.hostTimeoutSeconds"],
    [{ kind: "webhook", url: "ftp://example.com" }, "target.url"],
    [{ kind: "command", checks: " ", batch: "x" }, "target.checks"],
    [{ kind: "ssh" }, "target.kind"],
    [{ kind: "agents", metricChecks: [{ name: "p99", url: "https://p.example.com", query: "q", comparison: ">=", threshold: 1 }] }, "target.metricChecks.0.comparison"],
    [{ kind: "agents", metricChecks: [{ name: "p99", url: "https://p.example.com", query: "q", comparison: ">", threshold: 1, intervalSeconds: 0 }] }, "target.metricChecks.0.intervalSeconds"],
    [{ kind: "agents", metricChecks: [{ name: "p99", url: "https://p.example.com", query: " ", comparison: ">", threshold: 1 }] }, "target.metricChecks.0.query"],
    [{ kind: "agents", metricChecks: [{ name: "p99", url: "https://p.example.com", query: "q", comparison: ">", threshold: 1, onNoData: "skip" }] }, "target.metricChecks.0.onNoData"],
    ["simulated", "target"],
  ])("answers a 400 naming the field for %j", (json, field) => {
    expect(() => parseTarget(json)).toThrow(expect.objectContaining({ status: 400, field }));
  });
});

describe("a simulated fleet", () => {
  it("restarts each host in restartSeconds × a factor in [0.8, 1.2] fixed by its name", () => {
    const delays = names.map((name) => restartMs(fleet(), name));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(12_000);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(3000);
    expect(restartMs(fleet(), "web-0001")).toBe(restartMs(fleet(), "web-0001"));
  });

  it("converges a host to its desired release, healthy, once its restart time has passed", () => {
    const target = simulatedTarget(fleet());
    const host = moving("web-0001");
    const due = T0.getTime() + restartMs(fleet(), host.name);
    expect(target.converge!([host], new Date(due - 1))).toEqual([]);
    expect(target.converge!([host], new Date(due))).toEqual([{ id: 1, releaseId: 42, healthy: true }]);
  });

  it("leaves a failPercent share of hosts on the release but unhealthy, the same share every time", () => {
    const failing = names.filter((name) => failsOn(fleet({ failPercent: 10 }), moving(name)));
    expect(failing.length).toBeGreaterThan(60);
    expect(failing.length).toBeLessThan(140);
    expect(names.filter((name) => failsOn(fleet({ failPercent: 10 }), moving(name)))).toEqual(failing);
    expect(simulatedTarget(fleet({ failPercent: 100 })).converge!([moving("web-0001")], at(60))).toEqual([{ id: 1, releaseId: 42, healthy: false }]);
  });

  it("always converges a rollback: the simulated fault is in the new build", () => {
    expect(names.some((name) => failsOn(fleet({ failPercent: 100 }), moving(name, "rollback")))).toBe(false);
  });

  it("passes its checks after checkSeconds, by default min(restartSeconds, 30)", () => {
    expect([checkSeconds(fleet({ restartSeconds: 10 })), checkSeconds(fleet({ restartSeconds: 300 })), checkSeconds(fleet({ checkSeconds: 5 }))]).toEqual([10, 30, 5]);
    const target = simulatedTarget(fleet());
    expect(target.checkVerdict(T0, at(9.999))).toEqual({ state: "running" });
    expect(target.checkVerdict(T0, at(10))).toEqual({ state: "succeeded", note: "passed (simulated, 10 s)" });
  });
});

describe("other targets", () => {
  it("pass an agents pipeline's checks at once: its hosts converge through heartbeats", () => {
    const agents = targetFor(parseTarget({ kind: "agents" }));
    if (agents.runsSteps) throw new Error("agents decide their steps in the tick");
    expect(agents.checkVerdict(T0, T0).state).toBe("succeeded");
    expect(agents.converge).toBeUndefined();
  });

  it("run every step of a command or webhook target as a step run", () => {
    expect(targetFor(parseTarget({ kind: "command", batch: { run: "make deploy" } })).runsSteps).toBe(true);
    expect(targetFor(parseTarget({ kind: "webhook", url: "https://deploy.example.com/hook" })).runsSteps).toBe(true);
  });
});

describe("target settings", () => {
  it("default the checks to the three SPEC names, for webhook targets too, and to none for commands (a check needs a command)", () => {
    expect(checkNamesOf(parseTarget({ kind: "simulated", hosts: 1, restartSeconds: 0 }))).toEqual(DEFAULT_CHECKS);
    expect(checkNamesOf(parseTarget({ kind: "webhook", url: "https://deploy.example.com/hook" }))).toEqual(DEFAULT_CHECKS);
    expect(checkNamesOf(parseTarget({ kind: "command", batch: { run: "make deploy" } }))).toEqual([]);
    expect(checkNamesOf(parseTarget({ kind: "agents", checks: [] }))).toEqual([]);
  });

  it("refuse checks with the same name, naming the field", () => {
    expect(() => parseTarget({ kind: "command", batch: { run: "x" }, checks: [{ name: "a", run: "1" }, { name: "a", run: "2" }] })).toThrow(
      expect.objectContaining({ status: 400, field: "target.checks" }),
    );
  });
});
