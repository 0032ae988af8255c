// SPEC "Targets": a release that no worker has advanced for 60 s past when one
// should have (workers gone, hung or crash-looping) is stuck. The blocker says
// at which step and since when, so a person knows to start a worker or mark
// the release failed.
import type { StepKind } from "./facts";
import { ago } from "./words";

export const STUCK_AFTER_SECONDS = 60;

export type ActiveProgress = {
  number: number;
  createdAt: Date;
  /** The last time a tick looked at the release; null before the first. */
  advancedAt: Date | null;
  runningStep: { kind: StepKind; name: string } | null;
  /** The oldest of its step runs that no worker has taken, by when one should have. */
  waitingRun: { step: string; since: Date } | null;
};

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

/**
 * Why the release is stuck, and since when nothing moved it (the moment that
 * names the episode: it stays the same until a worker moves the release), or
 * null while workers move it on.
 */
export function stuckEpisode(active: ActiveProgress, now: Date): { since: Date; message: string } | null {
  const overdue = (since: Date) => now.getTime() - since.getTime() > STUCK_AFTER_SECONDS * 1000;
  const advancedAt = active.advancedAt ?? active.createdAt;
  const where = active.runningStep === null ? "before its first step" : `at ${active.runningStep.name}`;
  const act = "start a worker, or mark the release failed";
  if (overdue(advancedAt)) {
    const message = `Release #${active.number} is stuck ${where}: no worker has advanced it since ${clock(advancedAt)} (${ago(advancedAt, now)}); ${act}`;
    return { since: advancedAt, message };
  }
  const waiting = active.waitingRun;
  if (waiting !== null && overdue(waiting.since)) {
    const message = `Release #${active.number} is stuck at ${waiting.step}: no worker has taken its run since ${clock(waiting.since)} (${ago(waiting.since, now)}); ${act}`;
    return { since: waiting.since, message };
  }
  return null;
}

/** Why the release is stuck, or null while workers move it on. */
export const stuckMessage = (active: ActiveProgress, now: Date): string | null => stuckEpisode(active, now)?.message ?? null;
