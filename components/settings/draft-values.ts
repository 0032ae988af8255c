// Inputs hold text; the API takes JSON. These turn one into the other without
// judging the value: what the person typed goes to the server, which alone
// decides whether it is allowed (and names the field when it is not).

/** A stored value as an input's text ("" when unset). */
export const textOf = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

/** A number input's text as JSON: blank is unset, a number is a number, anything else goes as typed for the server to refuse. */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
}

/** One entry per non-blank line (host names, CI workflow names). */
export const linesOf = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Drops unset keys: the server then applies its own defaults. */
export const withoutUnset = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined));
