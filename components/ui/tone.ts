/** The few colours the dashboard speaks in; each always comes with a word or a glyph too. */
export type Tone = "ok" | "active" | "warn" | "bad" | "rollback" | "muted";

export const toneBadge: Record<Tone, string> = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30",
  active: "bg-sky-50 text-sky-800 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-400/30",
  warn: "bg-amber-50 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30",
  bad: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/30",
  rollback: "bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/30",
  muted: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/20",
};

/** A left border that makes a card stand out in a list without relying on the badge alone. */
export const toneEdge: Record<Tone, string> = {
  ok: "border-l-emerald-500",
  active: "border-l-sky-500",
  warn: "border-l-amber-500",
  bad: "border-l-red-600",
  rollback: "border-l-violet-500",
  muted: "border-l-zinc-300 dark:border-l-zinc-700",
};

export type StateLook = { tone: Tone; glyph: string };

/** Release, step and build states (SPEC) as a tone and a glyph. */
const looks: Record<string, StateLook> = {
  pending: { tone: "muted", glyph: "○" },
  scheduled: { tone: "muted", glyph: "○" },
  running: { tone: "active", glyph: "◐" },
  succeeded: { tone: "ok", glyph: "✓" },
  passed: { tone: "ok", glyph: "✓" },
  failed: { tone: "bad", glyph: "✕" },
  canceled: { tone: "muted", glyph: "⊘" },
  superseded: { tone: "muted", glyph: "↷" },
  skipped: { tone: "muted", glyph: "–" },
};

export const stateLook = (state: string): StateLook => looks[state] ?? { tone: "muted", glyph: "•" };

/** Solid fills for bars (a step's place on the release's timeline). */
export const toneBar: Record<Tone, string> = {
  ok: "bg-emerald-600",
  active: "bg-sky-600",
  warn: "bg-amber-500",
  bad: "bg-red-600",
  rollback: "bg-violet-600",
  muted: "bg-zinc-400",
};
