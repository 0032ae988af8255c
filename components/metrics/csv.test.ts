import { describe, expect, it } from "vitest";
import { daysCsv } from "./csv";

describe("daysCsv", () => {
  it("writes a header and one row a day, empty cells for days without a P75", () => {
    const csv = daysCsv([
      { day: "2026-11-30", deploys: 4, failed: 1, rollbacks: 0, p75BuildMs: 600_000, p75DeployMs: 420_000, p75LeadTimeMs: 1_800_000, p75RollbackMs: null, p75RestoreMs: null },
      { day: "2026-12-01", deploys: 0, failed: 0, rollbacks: 0, p75BuildMs: null, p75DeployMs: null, p75LeadTimeMs: null, p75RollbackMs: null, p75RestoreMs: 90_000 },
    ]);
    expect(csv).toBe(
      "day,deploys,failed,rollbacks,p75BuildMs,p75DeployMs,p75LeadTimeMs,p75RollbackMs,p75RestoreMs\r\n" +
        "2026-11-30,4,1,0,600000,420000,1800000,,\r\n" +
        "2026-12-01,0,0,0,,,,,90000\r\n",
    );
  });
});
