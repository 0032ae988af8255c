import { describe, expect, it } from "vitest";
import { placeError } from "./error-placement";

const names = ["name", "batchPercent", "target", "target.hosts", "target.checks.0.run", "windows.0.from", "windows"];

describe("placeError", () => {
  it("puts an error on the field it names, or on the closest field that contains it", () => {
    expect(placeError("batchPercent", names)).toBe("batchPercent");
    expect(placeError("target.hosts.3", names)).toBe("target.hosts");
    expect(placeError("target.checks.0.run", names)).toBe("target.checks.0.run");
    expect(placeError("target.metricChecks.0.query", names)).toBe("target");
    expect(placeError("windows.0.timeZone", names)).toBe("windows");
  });

  it("matches whole segments only, and leaves unknown or absent fields to the form", () => {
    expect(placeError("names", names)).toBeUndefined();
    expect(placeError("target.hostsX", names)).toBe("target");
    expect(placeError("webhookSecret", names)).toBeUndefined();
    expect(placeError(undefined, names)).toBeUndefined();
  });
});
