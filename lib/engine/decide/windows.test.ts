import { describe, expect, it } from "vitest";
import { windowsSchema } from "../guardrails";
import { decideDeployment } from "./continuous";
import { candidate, deploymentFacts } from "./test-fixtures";
import { windowState, type DeployWindow } from "./windows";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as DeployWindow["days"];
const office = (timeZone: string): DeployWindow => ({ days: weekdays, from: "09:00", to: "17:00", timeZone });
const state = (windows: DeployWindow[], iso: string) => windowState(windows, new Date(iso));
const closedUntil = (iso: string) => ({ open: false, nextOpening: new Date(iso) });

describe("deploy windows", () => {
  it("are always open when a pipeline has none", () => {
    expect(state([], "2026-03-01T03:00:00Z")).toEqual({ open: true });
  });

  it("open at `from` and close at `to` (end exclusive), in the pipeline's time zone", () => {
    const dublinWinter = [office("Europe/Dublin")]; // GMT = UTC in February
    expect(state(dublinWinter, "2026-02-04T08:59:59Z")).toEqual(closedUntil("2026-02-04T09:00:00Z"));
    expect(state(dublinWinter, "2026-02-04T09:00:00Z")).toEqual({ open: true });
    expect(state(dublinWinter, "2026-02-04T16:59:59Z")).toEqual({ open: true });
    expect(state(dublinWinter, "2026-02-04T17:00:00Z")).toEqual(closedUntil("2026-02-05T09:00:00Z"));
  });

  it("find Monday's opening across a spring-forward weekend (Europe/Dublin, 29 March 2026)", () => {
    // Friday 17:00 GMT; Monday 09:00 is Irish Summer Time (UTC+1), so 08:00 UTC.
    expect(state([office("Europe/Dublin")], "2026-03-27T17:00:00Z")).toEqual(closedUntil("2026-03-30T08:00:00Z"));
  });

  it("find Monday's opening across a fall-back weekend (America/New_York, 1 November 2026)", () => {
    // Friday 18:00 EDT; Monday 09:00 is EST (UTC−5), so 14:00 UTC.
    expect(state([office("America/New_York")], "2026-10-30T22:00:00Z")).toEqual(closedUntil("2026-11-02T14:00:00Z"));
    expect(state([office("America/New_York")], "2026-11-02T13:59:00Z").open).toBe(false);
    expect(state([office("America/New_York")], "2026-11-02T14:00:00Z")).toEqual({ open: true });
  });

  it("keep a window crossing midnight open past midnight and closed from its end (to < from)", () => {
    const night: DeployWindow[] = [{ days: ["sat"], from: "22:00", to: "02:00", timeZone: "America/New_York" }];
    // Saturday 14 Nov 2026 22:00 EST = Sunday 03:00 UTC.
    expect(state(night, "2026-11-15T02:59:00Z")).toEqual(closedUntil("2026-11-15T03:00:00Z"));
    expect(state(night, "2026-11-15T06:30:00Z")).toEqual({ open: true }); // Sunday 01:30 local
    expect(state(night, "2026-11-15T07:00:00Z")).toEqual(closedUntil("2026-11-22T03:00:00Z")); // Sunday 02:00 local
  });

  it("keep a window open across the night the clocks go forward: one hour shorter in real time", () => {
    // Saturday 7 March 2026 22:00 EST (03:00 UTC) to Sunday 02:00, which that night is 03:00 EDT = 07:00 UTC.
    const night: DeployWindow[] = [{ days: ["sat"], from: "22:00", to: "02:00", timeZone: "America/New_York" }];
    expect(state(night, "2026-03-08T06:59:00Z")).toEqual({ open: true });
    expect(state(night, "2026-03-08T07:00:00Z").open).toBe(false);
  });

  it("open a window whose start the spring-forward skips one hour later, as the clocks do", () => {
    const early: DeployWindow[] = [{ days: ["sun"], from: "01:30", to: "04:00", timeZone: "Europe/Dublin" }];
    // 01:30 does not exist on 29 March 2026 in Dublin: it opens at 02:30 IST = 01:30 UTC.
    expect(state(early, "2026-03-29T00:30:00Z")).toEqual(closedUntil("2026-03-29T01:30:00Z"));
  });

  it("open at the first of two 01:00s on the night the clocks go back, and stay open through the repeated hour", () => {
    const early: DeployWindow[] = [{ days: ["sun"], from: "01:00", to: "03:00", timeZone: "Europe/Dublin" }];
    // 25 October 2026: 01:00 IST = 00:00 UTC; 03:00 GMT = 03:00 UTC.
    expect(state(early, "2026-10-24T23:59:00Z")).toEqual(closedUntil("2026-10-25T00:00:00Z"));
    expect(state(early, "2026-10-25T02:30:00Z")).toEqual({ open: true });
    expect(state(early, "2026-10-25T03:00:00Z").open).toBe(false);
  });

  it("treat from = to as a whole day, and open when any of several windows is open", () => {
    const windows: DeployWindow[] = [
      { days: ["sun"], from: "00:00", to: "00:00", timeZone: "UTC" },
      office("Asia/Tokyo"),
    ];
    expect(state(windows, "2026-03-01T23:59:00Z")).toEqual({ open: true }); // Sunday in UTC
    expect(state(windows, "2026-03-02T00:00:00Z")).toEqual({ open: true }); // Monday 09:00 in Tokyo
    expect(state(windows, "2026-03-02T08:00:00Z")).toEqual(closedUntil("2026-03-03T00:00:00Z"));
  });

  it("make CD wait outside them with blocker outside-window until the next opening", () => {
    const facts = deploymentFacts({ builds: [candidate(11)], windows: [office("Europe/Dublin")] });
    const closed = decideDeployment(facts, new Date("2026-03-27T17:00:00Z"));
    expect(closed.deploy).toBeNull();
    expect(closed.blocker).toEqual({
      code: "outside-window",
      message: "Outside the deploy windows (Mon, Tue, Wed, Thu, Fri 09:00–17:00 Europe/Dublin): build #11 deploys when the next one opens",
      until: new Date("2026-03-30T08:00:00Z"),
    });
    expect(decideDeployment(facts, new Date("2026-03-30T08:00:00Z")).deploy?.id).toBe(11);
  });

  it("are refused unless days are mon…sun, times are HH:MM and the zone is an IANA zone", () => {
    const valid = { days: ["mon"], from: "09:00", to: "17:00", timeZone: "Europe/Dublin" };
    expect(windowsSchema.safeParse([valid]).success).toBe(true);
    for (const bad of [{ days: ["monday"] }, { days: [] }, { from: "9:00" }, { to: "24:00" }, { from: "12:60" }, { timeZone: "Mars/Olympus" }, { timeZone: "+01:00" }]) {
      expect(windowsSchema.safeParse([{ ...valid, ...bad }]).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
