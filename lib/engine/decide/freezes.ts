// One-off deploy freezes (SPEC "Guardrails"): CD waits while one is on.
import { badRequest } from "../../errors";
import type { Gate } from "./continuous";
import { requireReason } from "./reason";
import { capitalize } from "./words";

export type Freeze = { id: number; from: Date; to: Date; reason: string; by: string };

/** The freeze on at `now`, with `to` stretched to the end of the freezes that follow on from it without a gap. */
export function freezeAt(freezes: readonly Freeze[], now: Date): Freeze | null {
  const t = now.getTime();
  const on = freezes.filter((freeze) => freeze.from.getTime() <= t && t < freeze.to.getTime());
  if (on.length === 0) return null;
  const first = on.reduce((a, b) => (b.to > a.to ? b : a));
  let until = first.to;
  const later = [...freezes].sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const freeze of later) if (freeze.from <= until && freeze.to > until) until = freeze.to;
  return { ...first, to: until };
}

export const frozenGate: Gate = ({ facts, label, now }) => {
  const freeze = freezeAt(facts.freezes, now);
  if (freeze === null) return null;
  return {
    code: "frozen",
    message: `Deploys frozen by ${freeze.by}: ${freeze.reason}. ${capitalize(label)} deploys when the freeze ends`,
    until: freeze.to,
  };
};

/** A new freeze: a reason, an end after its start, and an end still to come (a freeze in the past would hold nothing). */
export function decideFreeze(input: { from: Date; to: Date; reason: unknown }, now: Date): Omit<Freeze, "id" | "by"> {
  const reason = requireReason(input.reason);
  if (input.to <= input.from) throw badRequest("a freeze must end after it starts", "to");
  if (input.to <= now) throw badRequest("this freeze has already ended", "to");
  return { from: input.from, to: input.to, reason };
}
