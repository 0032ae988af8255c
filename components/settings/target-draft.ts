// The target editor's state (SPEC "Targets"): one text per input, every kind's
// inputs kept while the kind changes, and the fields the form does not edit
// (e.g. metricChecks) carried as JSON so a save never drops them.
import { isRecord, linesOf, numberOrText, textOf, withoutUnset } from "./draft-values";

export const TARGET_KINDS = ["simulated", "agents", "command", "webhook"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A check's name, and for a command target the command line it runs. */
export type CheckDraft = { name: string; run: string };

export type TargetDraft = {
  kind: TargetKind;
  stepTimeoutSeconds: string;
  checks: CheckDraft[];
  /** simulated: how many hosts. */
  hostCount: string;
  restartSeconds: string;
  failPercent: string;
  /** agents */
  maxHosts: string;
  hostTimeoutSeconds: string;
  /** command and webhook: host names, one per line. */
  hostNames: string;
  /** command: run once per batch. */
  batchRun: string;
  /** webhook */
  url: string;
  /** The fields this form does not edit, as a JSON object ("" for none). */
  other: string;
};

/** The target's keys each kind's inputs edit, besides kind, stepTimeoutSeconds and checks. */
const EDITED: Record<TargetKind, readonly string[]> = {
  simulated: ["hosts", "restartSeconds", "failPercent"],
  agents: ["maxHosts", "hostTimeoutSeconds"],
  command: ["hosts", "batch"],
  webhook: ["url", "hosts"],
};
const COMMON = ["kind", "stepTimeoutSeconds", "checks"];

const isKind = (kind: unknown): kind is TargetKind => TARGET_KINDS.includes(kind as TargetKind);

function checksOf(checks: unknown): CheckDraft[] {
  if (!Array.isArray(checks)) return [];
  return checks.map((check) => (isRecord(check) ? { name: textOf(check.name), run: textOf(check.run) } : { name: textOf(check), run: "" }));
}

export function draftOf(stored: unknown): TargetDraft {
  const target = isRecord(stored) ? stored : {};
  const kind = isKind(target.kind) ? target.kind : "simulated";
  const edited = new Set([...COMMON, ...EDITED[kind]]);
  const other = Object.fromEntries(Object.entries(target).filter(([key]) => !edited.has(key)));
  return {
    kind,
    stepTimeoutSeconds: textOf(target.stepTimeoutSeconds),
    checks: checksOf(target.checks),
    hostCount: Array.isArray(target.hosts) ? "" : textOf(target.hosts),
    restartSeconds: textOf(target.restartSeconds),
    failPercent: textOf(target.failPercent),
    maxHosts: textOf(target.maxHosts),
    hostTimeoutSeconds: textOf(target.hostTimeoutSeconds),
    hostNames: Array.isArray(target.hosts) ? target.hosts.map(textOf).join("\n") : "",
    batchRun: isRecord(target.batch) ? textOf(target.batch.run) : "",
    url: textOf(target.url),
    other: Object.keys(other).length > 0 ? JSON.stringify(other, null, 2) : "",
  };
}

/** Each kind's own fields, in the API's shape. */
const FIELDS: Record<TargetKind, (draft: TargetDraft) => Record<string, unknown>> = {
  simulated: (draft) => ({
    hosts: numberOrText(draft.hostCount),
    restartSeconds: numberOrText(draft.restartSeconds),
    failPercent: numberOrText(draft.failPercent),
    checks: draft.checks.map((check) => check.name),
  }),
  agents: (draft) => ({
    maxHosts: numberOrText(draft.maxHosts),
    hostTimeoutSeconds: numberOrText(draft.hostTimeoutSeconds),
    checks: draft.checks.map((check) => check.name),
  }),
  command: (draft) => ({
    hosts: linesOf(draft.hostNames),
    checks: draft.checks.map(({ name, run }) => ({ name, run })),
    batch: { run: draft.batchRun },
  }),
  webhook: (draft) => ({
    url: draft.url,
    hosts: linesOf(draft.hostNames),
    checks: draft.checks.map(({ name }) => ({ name })),
  }),
};

/** The target to send whole (PATCH), or why the other fields' JSON cannot be read. */
export function targetOf(draft: TargetDraft): { target: Record<string, unknown> } | { invalidJson: string } {
  let other: unknown = {};
  if (draft.other.trim() !== "") {
    try {
      other = JSON.parse(draft.other);
    } catch (error) {
      return { invalidJson: `other target fields: not valid JSON (${(error as Error).message})` };
    }
  }
  if (!isRecord(other)) return { invalidJson: "other target fields: write a JSON object, e.g. {}" };
  const own = { kind: draft.kind, stepTimeoutSeconds: numberOrText(draft.stepTimeoutSeconds), ...FIELDS[draft.kind](draft) };
  return { target: withoutUnset({ ...other, ...own }) };
}
