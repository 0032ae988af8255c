import { stateLook, toneBadge, type Tone } from "./tone";

/** A word with a glyph in a coloured pill: colour is never the only signal. */
export function Badge({ tone, glyph, children, testId }: { tone: Tone; glyph: string; children: React.ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${toneBadge[tone]}`}
    >
      <span aria-hidden>{glyph}</span>
      {children}
    </span>
  );
}

/** The badge of a release, step or build state: "✓ succeeded". */
export function StateBadge({ state }: { state: string }) {
  const look = stateLook(state);
  return (
    <Badge tone={look.tone} glyph={look.glyph}>
      {state}
    </Badge>
  );
}
