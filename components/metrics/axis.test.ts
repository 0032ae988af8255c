import { describe, expect, it } from "vitest";
import { durationTicks, formatDurationTick, hasLonePoints } from "./axis";

describe("duration axis", () => {
  it("steps in round durations up past the largest value", () => {
    expect(durationTicks(11 * 60_000)).toEqual([0, 5, 10, 15].map((m) => m * 60_000));
    expect(durationTicks(100 * 60_000)).toEqual([0, 30, 60, 90, 120].map((m) => m * 60_000));
  });
  it("has a single zero tick without data", () => {
    expect(durationTicks(0)).toEqual([0]);
  });
  it("labels ticks briefly", () => {
    expect(formatDurationTick(0)).toBe("0");
    expect(formatDurationTick(45_000)).toBe("45s");
    expect(formatDurationTick(15 * 60_000)).toBe("15m");
    expect(formatDurationTick(90 * 60_000)).toBe("1h\u00a030m");
    expect(formatDurationTick(2 * 3_600_000)).toBe("2h");
    expect(formatDurationTick(2 * 86_400_000)).toBe("2d");
  });
});

describe("hasLonePoints", () => {
  it("finds a day with data between days without, which only a dot can show", () => {
    expect(hasLonePoints([null, null, 151_000, null, null])).toBe(true);
    expect(hasLonePoints([151_000])).toBe(true);
    expect(hasLonePoints([1, 2, null, 3, 4])).toBe(false);
  });
});
