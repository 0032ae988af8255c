import { describe, expect, it } from "vitest";
import { rollbackOverrides } from "./overrides";
import { at } from "./test-fixtures";

const freeze = { id: 1, from: at(-60), to: at(3600), reason: "end-of-quarter close", by: "ada" };
// T0 is a Sunday, 12:00 UTC.
const weekdays = { days: ["mon", "tue", "wed", "thu", "fri"] as ("mon" | "tue" | "wed" | "thu" | "fri")[], from: "09:00", to: "17:00", timeZone: "UTC" };

describe("what a rollback goes past", () => {
  it("names a freeze on now and the windows it is outside of, with when each lifts", () => {
    expect(rollbackOverrides({ windows: [weekdays], freezes: [freeze] }, at(0))).toEqual([
      { code: "frozen", message: "Deploys are frozen by ada: end-of-quarter close", until: at(3600) },
      { code: "outside-window", message: "Outside the deploy windows (Mon, Tue, Wed, Thu, Fri 09:00–17:00 UTC)", until: new Date("2026-03-02T09:00:00Z") },
    ]);
  });

  it("is nothing without guardrails, inside a window, or once the freeze ended", () => {
    expect(rollbackOverrides({ windows: [], freezes: [] }, at(0))).toEqual([]);
    expect(rollbackOverrides({ windows: [{ ...weekdays, days: ["sun"] }], freezes: [freeze] }, at(3600))).toEqual([]);
  });
});
