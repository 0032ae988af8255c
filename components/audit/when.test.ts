import { describe, expect, it } from "vitest";
import { knownZone, whenRange } from "./when";

describe("audit date presets", () => {
  const now = Date.parse("2026-12-02T05:30:00Z");
  it("start at the viewer's midnight, not UTC's", () => {
    // 05:30 UTC is 14:30 in Tokyo (UTC+9): today there began at 15:00 UTC the day before.
    expect(whenRange("today", "Asia/Tokyo", now)).toEqual({ from: "2026-12-01T15:00:00.000Z" });
    expect(whenRange("today", "UTC", now)).toEqual({ from: "2026-12-02T00:00:00.000Z" });
  });
  it("make yesterday a whole local day and the last 7 days include today", () => {
    // 05:30 UTC is 00:30 in New York: its today began at 05:00 UTC.
    expect(whenRange("yesterday", "America/New_York", now)).toEqual({ from: "2026-12-01T05:00:00.000Z", to: "2026-12-02T05:00:00.000Z" });
    expect(whenRange("7d", "UTC", now)).toEqual({ from: "2026-11-26T00:00:00.000Z" });
  });
  it("fall back to UTC for a zone the runtime does not know", () => {
    expect(knownZone("Mars/Olympus")).toBe("UTC");
    expect(knownZone("Europe/Berlin")).toBe("Europe/Berlin");
  });
});
