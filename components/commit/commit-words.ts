import type { CommitPipelineView } from "@/lib/views/commits";
import type { StateLook } from "../ui/tone";
import { formatAbsolute, releaseName } from "../format";

/** A commit's state on a pipeline as a tone and a glyph (with its word next to it). */
export const commitLook: Record<CommitPipelineView["state"], StateLook> = {
  building: { tone: "active", glyph: "◐" },
  "failed-ci": { tone: "bad", glyph: "✕" },
  waiting: { tone: "warn", glyph: "⏸" },
  deploying: { tone: "active", glyph: "▶" },
  live: { tone: "ok", glyph: "✓" },
  superseded: { tone: "ok", glyph: "↷" },
  "rolled-back": { tone: "rollback", glyph: "↶" },
};

/** "Deploying: 2 of 4 hosts, Batch 2 of 4": the state in one sentence a person reads at a glance. */
export function commitSentence(item: CommitPipelineView): string {
  const release = item.release;
  switch (item.state) {
    case "building":
      return "CI is still running on this commit.";
    case "failed-ci":
      return "CI failed on this commit, so it will not deploy by itself.";
    case "waiting":
      return item.blocker ? `Waiting: ${item.blocker.message}.` : "Waiting for the next deploy.";
    case "deploying":
      return `Deploying in ${release ? releaseName(release) : "a release"}: ${item.hostsOn} of ${item.hostsTotal} hosts${item.batch ? `, ${item.batch}` : ""}.`;
    case "live":
      return `Live since ${item.liveAt ? formatAbsolute(item.liveAt) : "—"} on ${item.hostsOn} of ${item.hostsTotal} hosts.`;
    case "superseded":
      return `A newer commit went live before this one could deploy on its own: it is live inside ${release ? `${releaseName(release)} (build ${release.build.number ?? release.build.commitSha.slice(0, 7)})` : "a newer release"}.`;
    case "rolled-back": {
      const by = item.rolledBack;
      return by ? `Rolled back by ${by.by ?? "someone"} in Rollback #${by.number}${by.reason ? `: ${by.reason}` : ""}.` : "Rolled back.";
    }
  }
}

/** For a commit live again after a rollback: the rollback is still part of its story. */
export function rollbackNote(item: CommitPipelineView): string | null {
  const by = item.rolledBack;
  if (!by || item.state === "rolled-back") return null;
  return `Rolled back earlier by ${by.by ?? "someone"} in Rollback #${by.number}${by.reason ? ` (${by.reason})` : ""}, then carried again by a newer release.`;
}

/** Whether the page should keep asking every second. */
export const isMoving = (items: CommitPipelineView[]) => items.some((i) => i.state === "deploying" || i.state === "building" || i.state === "waiting");
