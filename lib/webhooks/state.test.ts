import { describe, expect, it } from "vitest";
import { compareBuildsNewestFirst, isTerminal, mergeBuildState } from "./state";
import { BUILD_STATES, type BuildState } from "./types";

// existing → incoming → result, for all 25 pairs.
const EXPECTED: Record<BuildState, Record<BuildState, BuildState>> = {
  scheduled: { scheduled: "scheduled", running: "running", passed: "passed", failed: "failed", canceled: "canceled" },
  running: { scheduled: "running", running: "running", passed: "passed", failed: "failed", canceled: "canceled" },
  passed: { scheduled: "passed", running: "passed", passed: "passed", failed: "passed", canceled: "passed" },
  failed: { scheduled: "failed", running: "failed", passed: "failed", failed: "failed", canceled: "failed" },
  canceled: { scheduled: "canceled", running: "canceled", passed: "canceled", failed: "canceled", canceled: "canceled" },
};

describe("mergeBuildState", () => {
  for (const existing of BUILD_STATES) {
    for (const incoming of BUILD_STATES) {
      it(`${existing} + ${incoming} → ${EXPECTED[existing][incoming]}`, () => {
        expect(mergeBuildState(existing, incoming)).toBe(EXPECTED[existing][incoming]);
      });
    }
  }

  it("moves a finished build never back to running", () => {
    expect(mergeBuildState("passed", "running")).toBe("passed");
  });

  it("keeps the first terminal state when a different one arrives later", () => {
    expect(mergeBuildState("failed", "passed")).toBe("failed");
  });

  it("does not move a running build back to scheduled on a late event", () => {
    expect(mergeBuildState("running", "scheduled")).toBe("running");
  });
});

describe("isTerminal", () => {
  it("is true exactly for passed, failed and canceled", () => {
    expect(BUILD_STATES.filter(isTerminal)).toEqual(["passed", "failed", "canceled"]);
  });
});

describe("compareBuildsNewestFirst", () => {
  const at = (iso: string) => new Date(iso);

  it("puts the later CI createdAt first, whatever the numbers and arrival", () => {
    const older = { createdAt: at("2024-01-01T10:00:00Z"), number: 99, id: 9 };
    const newer = { createdAt: at("2024-01-01T10:00:01Z"), number: 1, id: 1 };
    expect([older, newer].sort(compareBuildsNewestFirst)).toEqual([newer, older]);
    expect(compareBuildsNewestFirst(newer, older)).toBeLessThan(0);
  });

  it("breaks a createdAt tie by the provider's number", () => {
    const a = { createdAt: at("2024-01-01T10:00:00Z"), number: 7, id: 1 };
    const b = { createdAt: at("2024-01-01T10:00:00Z"), number: 8, id: 2 };
    expect(compareBuildsNewestFirst(b, a)).toBeLessThan(0);
    expect(compareBuildsNewestFirst(a, b)).toBeGreaterThan(0);
  });

  it("ranks a build without a number below one with a number at the same createdAt", () => {
    const numbered = { createdAt: at("2024-01-01T10:00:00Z"), number: 1, id: 1 };
    const unnumbered = { createdAt: at("2024-01-01T10:00:00Z"), number: null, id: 2 };
    expect(compareBuildsNewestFirst(numbered, unnumbered)).toBeLessThan(0);
  });

  it("breaks a full tie by arrival (id)", () => {
    const first = { createdAt: at("2024-01-01T10:00:00Z"), number: null, id: 1 };
    const second = { createdAt: at("2024-01-01T10:00:00Z"), number: null, id: 2 };
    expect(compareBuildsNewestFirst(second, first)).toBeLessThan(0);
    expect(compareBuildsNewestFirst(first, first)).toBe(0);
  });

  it("sorts a mixed list newest first", () => {
    const builds = [
      { createdAt: at("2024-01-01T10:00:00Z"), number: 1, id: 1 },
      { createdAt: at("2024-01-03T10:00:00Z"), number: 3, id: 2 },
      { createdAt: at("2024-01-02T10:00:00Z"), number: 2, id: 4 },
      { createdAt: at("2024-01-02T10:00:00Z"), number: 2, id: 3 },
    ];
    expect(builds.sort(compareBuildsNewestFirst).map((b) => b.id)).toEqual([2, 4, 3, 1]);
  });
});
