import type { PipelineView, ReleaseView } from "@/lib/views/shapes";
import type { StateLook } from "../ui/tone";

export type PipelineStatus = StateLook & { label: string };

/**
 * A pipeline's state in one word for a badge: a moving release first (that
 * is what changes hosts), then a rollback lock, a manual lock, a build that
 * failed to deploy, else idle.
 */
export function pipelineStatus(pipeline: Pick<PipelineView, "activeRelease" | "lock" | "blocker" | "currentRelease">): PipelineStatus {
  if (pipeline.activeRelease?.kind === "rollback") return { label: "rolling back", tone: "rollback", glyph: "↶" };
  if (pipeline.activeRelease) return { label: "deploying", tone: "active", glyph: "◐" };
  if (pipeline.lock?.kind === "rollback") return { label: "rolled back", tone: "rollback", glyph: "↶" };
  if (pipeline.lock) return { label: "locked", tone: "warn", glyph: "‖" };
  if (pipeline.blocker?.code === "failed-to-deploy") return { label: "failing", tone: "bad", glyph: "✕" };
  if (!pipeline.currentRelease) return { label: "no releases", tone: "muted", glyph: "○" };
  return { label: "idle", tone: "ok", glyph: "✓" };
}

/** A pipeline's tab title: its state first, then its human name ("↶ Rolling back · API"). */
export function pipelineTitle(pipeline: Parameters<typeof pipelineStatus>[0] & Pick<PipelineView, "name">): string {
  const { glyph, label } = pipelineStatus(pipeline);
  return `${glyph} ${label.charAt(0).toUpperCase()}${label.slice(1)} · ${pipeline.name}`;
}

const finished = new Set(["succeeded", "failed", "canceled", "superseded", "skipped"]);

/** How far a release has come: steps finished of all, and the phase in words ("checks 1 of 3", "batch 2 of 4"). */
export function rolloutProgress(release: { steps: Pick<ReleaseView["steps"][number], "kind" | "state">[] }): { done: number; total: number; phase: string } {
  const { steps } = release;
  const checks = steps.filter((s) => s.kind === "check");
  const batches = steps.filter((s) => s.kind === "batch");
  const done = steps.filter((s) => finished.has(s.state)).length;
  const lastBatch = batches.findLastIndex((s) => s.state !== "pending");
  let phase = "starting";
  if (lastBatch >= 0) phase = `batch ${lastBatch + 1} of ${batches.length}`;
  else if (checks.some((s) => s.state !== "pending")) phase = `checks ${checks.filter((s) => finished.has(s.state)).length} of ${checks.length} done`;
  return { done, total: steps.length, phase };
}

/**
 * What the lock note and the blocker note say. A manual lock's (or the
 * emergency stop's) blocker is the lock note word for word, so it is dropped; a rollback lock's blocker (what CD
 * waits for) joins the lock note as `waiting`; any other blocker stands alone.
 */
export function pipelineNotes({ lock, blocker }: Pick<PipelineView, "lock" | "blocker">) {
  const restatesLock = lock !== null && blocker !== null && (blocker.code === "locked" || blocker.code === "emergency-stop" || (blocker.code === "rolled-back" && lock.kind === "rollback"));
  return {
    lock,
    waiting: restatesLock && blocker.code === "rolled-back" ? blocker.message : null,
    blocker: restatesLock ? null : blocker,
  };
}
