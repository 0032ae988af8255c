import { describe, expect, it } from "vitest";
import { estimateFinish } from "./estimate";

const start = new Date("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const batch = (state: string, finishedAt: Date | null = null) => ({ kind: "batch", state, finishedAt });
const check = (state: string, finishedAt: Date | null = null) => ({ kind: "check", state, finishedAt });

describe("estimateFinish", () => {
  it("is the start plus the recent P75 until a phase has ended", () => {
    expect(estimateFinish(start, 600_000, [check("running"), batch("pending"), batch("pending")])).toEqual(at(600));
  });
  it("has no estimate without history and without progress", () => {
    expect(estimateFinish(start, null, [batch("running")])).toBeNull();
  });
  it("follows this release's own pace once batches finish: a fast rollback is not told it has ten minutes left", () => {
    // Two of four batches done in 60 s: two more at 30 s each.
    const steps = [batch("succeeded", at(30)), batch("succeeded", at(60)), batch("running"), batch("pending")];
    expect(estimateFinish(start, 600_000, steps)).toEqual(at(120));
  });
  it("counts parallel checks as one phase, ended when the last of them ends", () => {
    const steps = [check("succeeded", at(20)), check("succeeded", at(40)), batch("running"), batch("pending")];
    // One of three phases done in 40 s.
    expect(estimateFinish(start, 600_000, steps)).toEqual(at(120));
  });
  it("moves as each batch finishes", () => {
    const one = estimateFinish(start, 600_000, [batch("succeeded", at(10)), batch("running"), batch("pending")]);
    const two = estimateFinish(start, 600_000, [batch("succeeded", at(10)), batch("succeeded", at(50)), batch("pending")]);
    expect(one).toEqual(at(30));
    expect(two).toEqual(at(75));
  });
});
