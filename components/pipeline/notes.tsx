import type { PipelineView } from "@/lib/views/shapes";
import { RelativeTime } from "../ui/time";
import { pipelineNotes } from "./pipeline-status";

type CalloutTone = "warn" | "rollback" | "bad" | "info";

const calloutStyle: Record<CalloutTone, string> = {
  warn: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  rollback: "border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100",
  bad: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  info: "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-200",
};

function Callout({ tone, glyph, testId, children }: { tone: CalloutTone; glyph: string; testId: string; children: React.ReactNode }) {
  return (
    <p data-testid={testId} className={`rounded-md border px-3 py-2 text-sm ${calloutStyle[tone]}`}>
      <span aria-hidden>{glyph} </span>
      {children}
    </p>
  );
}

/** "Locked by ada 12 min ago: investigating error spike" (who, when and why, as typed), and what the engine then waits for. */
const lockLook = {
  manual: { tone: "warn", glyph: "‖", title: "Locked" },
  rollback: { tone: "rollback", glyph: "↶", title: "Locked by rollback" },
  emergency: { tone: "bad", glyph: "⛔", title: "Emergency stop" },
} as const;

function LockNote({ lock, waiting }: { lock: NonNullable<PipelineView["lock"]>; waiting: string | null }) {
  const look = lockLook[lock.kind ?? "manual"];
  return (
    <Callout tone={look.tone} glyph={look.glyph} testId="lock-note">
      <strong>{look.title}</strong> by {lock.by ?? "someone"} <RelativeTime at={lock.at} />
      {lock.reason ? <>: {lock.reason}</> : null}
      {waiting ? <span className="mt-1 block">{waiting}</span> : null}
    </Callout>
  );
}

const blockerLook: Record<string, { tone: CalloutTone; glyph: string }> = {
  "failed-to-deploy": { tone: "bad", glyph: "✕" },
  "ci-failed": { tone: "bad", glyph: "✕" },
  "rolled-back": { tone: "rollback", glyph: "↶" },
  "outside-window": { tone: "warn", glyph: "◷" },
  frozen: { tone: "warn", glyph: "❄" },
};

/** Why the newest green build is not live, in the engine's own words. */
function BlockerNote({ blocker }: { blocker: NonNullable<PipelineView["blocker"]> }) {
  const look = blockerLook[blocker.code] ?? { tone: "info", glyph: "ℹ" };
  return (
    <Callout tone={look.tone} glyph={look.glyph} testId="blocker">
      {blocker.message}
      {blocker.until ? (
        <span data-testid="blocker-until">
          {" "}(lifts <RelativeTime at={blocker.until} />)
        </span>
      ) : null}
    </Callout>
  );
}

/** The lock (who, when, why) and the blocker (why the newest green build is not live), without saying anything twice. */
export function PipelineNotes({ pipeline }: { pipeline: Pick<PipelineView, "lock" | "blocker"> }) {
  const notes = pipelineNotes(pipeline);
  return (
    <>
      {notes.lock ? <LockNote lock={notes.lock} waiting={notes.waiting} /> : null}
      {notes.blocker ? <BlockerNote blocker={notes.blocker} /> : null}
    </>
  );
}
