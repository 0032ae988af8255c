import { describe, expect, it } from "vitest";
import { formatDoraValue, trend } from "./trend";

describe("trend against the previous period", () => {
  it("calls more deploys better and a longer lead time worse", () => {
    expect(trend(6, 4, true)).toEqual({ arrow: "▲", words: "up 50%", verdict: "better" });
    expect(trend(120_000, 100_000, false)).toEqual({ arrow: "▲", words: "up 20%", verdict: "worse" });
  });
  it("calls a falling failure rate better", () => {
    expect(trend(0.1, 0.2, false)).toEqual({ arrow: "▼", words: "down 50%", verdict: "better" });
  });
  it("says unchanged, and says when there is nothing to compare with", () => {
    expect(trend(3, 3, true).words).toBe("unchanged");
    expect(trend(3, null, true).verdict).toBe("new");
    expect(trend(2, 0, true).words).toBe("up from 0");
  });
});

describe("trend with few releases", () => {
  it("is marked not enough data when either period rests on a handful of releases", () => {
    expect(trend(68.1, 1, true, { current: 2043, previous: 1 })).toEqual({ arrow: "■", words: "not enough data to compare", verdict: "new" });
    expect(trend(6, 4, true, { current: 60, previous: 40 }).words).toBe("up 50%");
  });
});

describe("formatDoraValue", () => {
  it("writes each key in its own unit", () => {
    expect(formatDoraValue("deploysPerDay", 4.25)).toBe("4.3");
    expect(formatDoraValue("changeFailureRate", 0.05)).toBe("5%");
    expect(formatDoraValue("leadTimeP75Ms", 11 * 60_000 + 42_000)).toBe("11m 42s");
    expect(formatDoraValue("timeToRestoreP75Ms", null)).toBe("—");
  });
});
