"use client";

import { Section } from "../ui/section";
import { AdvancedJson } from "./advanced-json";
import { ChecksEditor } from "./checks-editor";
import { SelectField } from "./inputs";
import { kindFields, TargetNumber } from "./target-kind-fields";
import { TARGET_KINDS, type TargetDraft, type TargetKind } from "./target-draft";

const KIND_LABELS: Record<TargetKind, string> = {
  simulated: "Simulated fleet (demo and tests)",
  agents: "Agents (hosts run shipboard-agent)",
  command: "Command (a worker runs your shell commands)",
  webhook: "Webhook (your service does each step)",
};

const CHECK_SHAPES = { simulated: "names", agents: "names", command: "commands", webhook: "objects" } as const;

/** What a release step does: the kind, its own fields, the checks, and any other fields as JSON. */
export function TargetEditor({ draft, onChange }: { draft: TargetDraft; onChange: (draft: TargetDraft) => void }) {
  const set = (patch: Partial<TargetDraft>) => onChange({ ...draft, ...patch });
  return (
    <Section title="Target" id="settings-target">
      <div className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="target.kind"
            label="Kind"
            value={draft.kind}
            onChange={(kind) => set({ kind: kind as TargetKind })}
            options={TARGET_KINDS.map((kind) => [kind, KIND_LABELS[kind]] as const)}
          />
          <TargetNumber
            draft={draft}
            set={set}
            draftKey="stepTimeoutSeconds"
            label="Step timeout (seconds)"
            hint="A check or batch not finished by then fails. Blank: the server's default."
          />
        </div>
        {kindFields[draft.kind]({ draft, set })}
        <ChecksEditor checks={draft.checks} onChange={(checks) => set({ checks })} shape={CHECK_SHAPES[draft.kind]} />
        <AdvancedJson value={draft.other} onChange={(other) => set({ other })} />
      </div>
    </Section>
  );
}
