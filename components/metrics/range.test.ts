import { describe, expect, it } from "vitest";
import { lastDays, parseRange, previousRange } from "./range";

describe("metric ranges", () => {
  const now = Date.parse("2026-11-25T23:59:00Z");
  it("counts the last N UTC days including today", () => {
    expect(lastDays(14, now)).toEqual({ from: "2026-11-12", to: "2026-11-25" });
    expect(lastDays(1, now)).toEqual({ from: "2026-11-25", to: "2026-11-25" });
  });
  it("compares with the same number of days just before", () => {
    expect(previousRange({ from: "2026-11-19", to: "2026-11-25" })).toEqual({ from: "2026-11-12", to: "2026-11-18" });
  });
  it("accepts only the offered ranges and defaults to 30 days", () => {
    expect(parseRange("90")).toBe(90);
    expect(parseRange("12")).toBe(30);
    expect(parseRange(undefined)).toBe(30);
  });
});
