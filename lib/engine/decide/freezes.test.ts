import { describe, expect, it } from "vitest";
import { decideDeployment } from "./continuous";
import { decideFreeze, freezeAt, type Freeze } from "./freezes";
import { at, candidate, deploymentFacts } from "./test-fixtures";

const freeze = (id: number, fromSeconds: number, toSeconds: number, reason = "holiday"): Freeze => ({
  id, from: at(fromSeconds), to: at(toSeconds), reason, by: "ada",
});

describe("freezes", () => {
  it("hold CD from `from` (inclusive) to `to` (exclusive)", () => {
    const freezes = [freeze(1, 100, 200)];
    expect(freezeAt(freezes, at(99))).toBeNull();
    expect(freezeAt(freezes, at(100))?.id).toBe(1);
    expect(freezeAt(freezes, at(199))?.id).toBe(1);
    expect(freezeAt(freezes, at(200))).toBeNull();
  });

  it("lift when the last of the freezes that follow on from each other ends, not at the first one's end", () => {
    const freezes = [freeze(1, 100, 200), freeze(2, 200, 300), freeze(3, 250, 400), freeze(4, 500, 600)];
    expect(freezeAt(freezes, at(150))?.to).toEqual(at(400));
  });

  it("make CD wait with blocker frozen until the freeze ends, then let the build through", () => {
    const facts = deploymentFacts({ builds: [candidate(11)], freezes: [freeze(1, 0, 3600, "Christmas freeze")] });
    expect(decideDeployment(facts, at(60))).toEqual({
      deploy: null,
      blocker: { code: "frozen", message: "Deploys frozen by ada: Christmas freeze. Build #11 deploys when the freeze ends", until: at(3600) },
    });
    expect(decideDeployment(facts, at(3600)).deploy?.id).toBe(11);
  });

  it("name the lock first when a frozen pipeline is also locked (the lock does not lift by itself)", () => {
    const facts = deploymentFacts({
      builds: [candidate(11)], freezes: [freeze(1, 0, 3600)],
      pipeline: { ...deploymentFacts().pipeline, lock: { kind: "manual", reason: "incident", by: "bob", at: at(0) } },
    });
    expect(decideDeployment(facts, at(60)).blocker?.code).toBe("locked");
  });

  it("come before the deploy windows: the freeze is the blocker while both hold", () => {
    const facts = deploymentFacts({
      builds: [candidate(11)], freezes: [freeze(1, 0, 3600)],
      windows: [{ days: ["mon"], from: "09:00", to: "10:00", timeZone: "UTC" }],
    });
    expect(decideDeployment(facts, at(60)).blocker?.code).toBe("frozen");
    expect(decideDeployment(facts, at(3600)).blocker?.code).toBe("outside-window");
  });

  it("are refused without a reason, ending before they start, or already over", () => {
    const now = at(1000);
    expect(() => decideFreeze({ from: at(0), to: at(2000), reason: " " }, now)).toThrow(expect.objectContaining({ field: "reason" }));
    expect(() => decideFreeze({ from: at(3000), to: at(2000), reason: "x" }, now)).toThrow(expect.objectContaining({ field: "to" }));
    expect(() => decideFreeze({ from: at(0), to: at(1000), reason: "x" }, now)).toThrow(expect.objectContaining({ field: "to" }));
    expect(decideFreeze({ from: at(0), to: at(2000), reason: " release week " }, now)).toEqual({ from: at(0), to: at(2000), reason: "release week" });
  });
});
