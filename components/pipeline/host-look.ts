import type { HostSummary, HostView } from "@/lib/views/hosts";

/** What a host runs, relative to the pipeline: the release this page is about, the one before it, or anything else (none included). */
export type FleetGroup = "this" | "previous" | "other";

export type FleetCount = { group: FleetGroup; count: number };

type ReleaseRef = { id: number; replacedReleaseId: number | null } | null;

/**
 * The fleet grouped by what it runs: "this" is the release rolling out (else
 * the current one), "previous" the one it replaces. From the server's counts,
 * so it holds for 10,000 hosts without listing them.
 */
export function fleetGroups(summary: Pick<HostSummary, "byRelease">, active: ReleaseRef, current: ReleaseRef): FleetCount[] {
  const shown = active ?? current;
  const previousId = active ? (current?.id ?? null) : (current?.replacedReleaseId ?? null);
  const counts: Record<FleetGroup, number> = { this: 0, previous: 0, other: 0 };
  for (const { releaseId, count } of summary.byRelease) {
    const group: FleetGroup = releaseId !== null && releaseId === shown?.id ? "this" : releaseId !== null && releaseId === previousId ? "previous" : "other";
    counts[group] += count;
  }
  return (["this", "previous", "other"] as const).map((group) => ({ group, count: counts[group] }));
}

/**
 * At most `maxCells` cells for the grid, each standing for `perCell` hosts
 * (the last cell of a group may hold fewer): readable at 10,000 hosts, one cell
 * per host for small fleets.
 */
export function fleetCells(groups: FleetCount[], maxCells = 200): { perCell: number; cells: FleetCount[] } {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const perCell = Math.max(1, Math.ceil(total / maxCells));
  const cells: FleetCount[] = [];
  for (const { group, count } of groups) {
    for (let left = count; left > 0; left -= perCell) cells.push({ group, count: Math.min(perCell, left) });
  }
  return { perCell, cells };
}

/** The hosts worth a person's look: unreachable, unhealthy, switching or drifting, in the server's order (problems first). */
export const problemHosts = (hosts: readonly HostView[]) => hosts.filter((host) => host.state !== "healthy" || host.drift);
