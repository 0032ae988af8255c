import type { BuildState } from "./types";

const RANK: Record<BuildState, number> = { scheduled: 0, running: 1, passed: 2, failed: 2, canceled: 2 };

export function isTerminal(state: BuildState): boolean {
  return RANK[state] === 2;
}

/**
 * Webhooks arrive late, twice, or out of order, so a build's state only moves
 * forward (scheduled < running < finished), and the first finished state wins:
 * a later, different terminal state for the same build is ignored too.
 */
export function mergeBuildState(existing: BuildState, incoming: BuildState): BuildState {
  if (isTerminal(existing)) return existing;
  return RANK[incoming] > RANK[existing] ? incoming : existing;
}

export interface OrderedBuild {
  createdAt: Date;
  number: number | null;
  id: number;
}

/**
 * Sort comparator, newest first: later CI createdAt, then the higher provider
 * number (a build without one counts as lower), then the later arrival (id).
 * Negative when `a` is newer.
 */
export function compareBuildsNewestFirst(a: OrderedBuild, b: OrderedBuild): number {
  const byCreated = b.createdAt.getTime() - a.createdAt.getTime();
  if (byCreated !== 0) return byCreated;
  const byNumber = (b.number ?? -Infinity) - (a.number ?? -Infinity);
  if (byNumber !== 0 && !Number.isNaN(byNumber)) return Math.sign(byNumber);
  return b.id - a.id;
}
