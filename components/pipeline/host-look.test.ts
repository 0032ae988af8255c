import { describe, expect, it } from "vitest";
import { hostLook, hostTally } from "./host-look";

const host = (releaseId: number | null, desiredReleaseId: number | null, healthy = true) => ({
  name: "h",
  releaseId,
  desiredReleaseId,
  healthy,
  lastSeenAt: null,
});

describe("hostLook", () => {
  it("tells hosts on the release rolling out from hosts on the current or an older release", () => {
    expect(hostLook(host(9, 9), 9, 8).role).toBe("new");
    expect(hostLook(host(8, 8), 9, 8).role).toBe("current");
    expect(hostLook(host(7, 7), 9, 8).role).toBe("other");
    expect(hostLook(host(null, null), null, 8).role).toBe("none");
  });

  it("marks a host switching while it does not yet run the release it should, and unhealthy hosts", () => {
    expect(hostLook(host(8, 9), 9, 8)).toEqual({ role: "current", switching: true, unhealthy: false });
    expect(hostLook(host(9, 9, false), 9, 8)).toEqual({ role: "new", switching: false, unhealthy: true });
  });

  it("counts hosts by role, switching and unhealthy", () => {
    const looks = [hostLook(host(9, 9), 9, 8), hostLook(host(8, 9), 9, 8), hostLook(host(8, 9, false), 9, 8)];
    expect(hostTally(looks)).toEqual({ new: 1, current: 2, other: 0, none: 0, switching: 2, unhealthy: 1 });
  });
});
