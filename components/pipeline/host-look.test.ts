import { describe, expect, it } from "vitest";
import type { HostView } from "@/lib/views/hosts";
import { fleetCells, fleetGroups, problemHosts } from "./host-look";

const release = (id: number, replacedReleaseId: number | null = null) => ({ id, replacedReleaseId });

describe("the fleet view", () => {
  it("groups hosts by what they run: the release rolling out, the current one it replaces, anything else", () => {
    const byRelease = [{ releaseId: 9, count: 30 }, { releaseId: 8, count: 60 }, { releaseId: 7, count: 5 }, { releaseId: null, count: 5 }];
    expect(fleetGroups({ byRelease }, release(9), release(8))).toEqual([
      { group: "this", count: 30 }, { group: "previous", count: 60 }, { group: "other", count: 10 },
    ]);
  });

  it("without a release rolling out, groups by the current release and the one it replaced", () => {
    const byRelease = [{ releaseId: 8, count: 3 }, { releaseId: 7, count: 1 }];
    expect(fleetGroups({ byRelease }, null, release(8, 7))).toEqual([
      { group: "this", count: 3 }, { group: "previous", count: 1 }, { group: "other", count: 0 },
    ]);
  });

  it("draws one cell per host for a small fleet and at most 200 cells for 10,000 hosts", () => {
    expect(fleetCells([{ group: "this", count: 3 }, { group: "other", count: 1 }])).toEqual({
      perCell: 1, cells: [{ group: "this", count: 1 }, { group: "this", count: 1 }, { group: "this", count: 1 }, { group: "other", count: 1 }],
    });
    const big = fleetCells([{ group: "this", count: 5001 }, { group: "previous", count: 4999 }, { group: "other", count: 0 }]);
    expect(big.perCell).toBe(50);
    expect(big.cells.length).toBeLessThanOrEqual(201);
    expect(big.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(10_000);
  });

  it("lists the hosts that need a look: any state but healthy, or drifting", () => {
    const host = (name: string, state: HostView["state"], drift = false): HostView => ({
      name, state, drift, releaseId: 1, desiredReleaseId: 1, healthy: state !== "unhealthy", lastSeenAt: null,
    });
    const hosts = [host("a", "unreachable"), host("b", "unhealthy"), host("c", "healthy", true), host("d", "healthy")];
    expect(problemHosts(hosts).map((h) => h.name)).toEqual(["a", "b", "c"]);
  });
});
