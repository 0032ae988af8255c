import type { PipelineView } from "@/lib/views/shapes";

type Host = NonNullable<PipelineView["hosts"]>[number];

/** Which release a host runs, relative to the pipeline: the one rolling out, the current one, an older one, or none. */
export type HostRole = "new" | "current" | "other" | "none";

export type HostLook = { role: HostRole; switching: boolean; unhealthy: boolean };

export function hostLook(host: Host, activeReleaseId: number | null, currentReleaseId: number | null): HostLook {
  const role: HostRole =
    host.releaseId === null ? "none" : host.releaseId === activeReleaseId ? "new" : host.releaseId === currentReleaseId ? "current" : "other";
  return {
    role,
    switching: host.desiredReleaseId !== null && host.desiredReleaseId !== host.releaseId,
    unhealthy: !host.healthy,
  };
}

/** How many hosts are in each role, switching and unhealthy: the grid's words for screen readers and its legend. */
export function hostTally(looks: HostLook[]) {
  const tally = { new: 0, current: 0, other: 0, none: 0, switching: 0, unhealthy: 0 };
  for (const look of looks) {
    tally[look.role] += 1;
    if (look.switching) tally.switching += 1;
    if (look.unhealthy) tally.unhealthy += 1;
  }
  return tally;
}
