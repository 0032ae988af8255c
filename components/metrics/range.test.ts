import { describe, expect, it } from "vitest";
import { lastDays, previousRange, quarter, resolveRange } from "./range";

describe("metric ranges", () => {
  const now = Date.parse("2026-11-25T23:59:00Z");
  it("counts the last N UTC days including today", () => {
    expect(lastDays(14, now)).toEqual({ from: "2026-11-12", to: "2026-11-25" });
    expect(lastDays(1, now)).toEqual({ from: "2026-11-25", to: "2026-11-25" });
  });
  it("compares with the same number of days just before", () => {
    expect(previousRange({ from: "2026-11-19", to: "2026-11-25" })).toEqual({ from: "2026-11-12", to: "2026-11-18" });
  });
  it("knows calendar quarters: this one up to today, the last one whole, across a year's turn", () => {
    expect(quarter(0, now)).toEqual({ from: "2026-10-01", to: "2026-11-25" });
    expect(quarter(1, now)).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(quarter(1, Date.parse("2026-02-10T00:00:00Z"))).toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });
  it("reads presets and custom ranges from the URL, falling back to 30 days", () => {
    expect(resolveRange({ range: "90" }, now)).toEqual({ key: "90", range: lastDays(90, now) });
    expect(resolveRange({ range: "last-quarter" }, now).range).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(resolveRange({ range: "custom", from: "2026-11-01", to: "2026-11-10" }, now)).toEqual({ key: "custom", range: { from: "2026-11-01", to: "2026-11-10" } });
    expect(resolveRange({ range: "custom", from: "2026-11-10", to: "2026-11-01" }, now).key).toBe("30");
    expect(resolveRange({ range: "custom", from: "2026-02-30", to: "2026-03-01" }, now).key).toBe("30");
    expect(resolveRange({ range: "12" }, now).key).toBe("30");
    expect(resolveRange({}, now).key).toBe("30");
  });
});
