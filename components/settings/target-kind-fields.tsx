"use client";

import { TextField } from "./inputs";
import type { TargetDraft, TargetKind } from "./target-draft";

type Props = { draft: TargetDraft; set: (patch: Partial<TargetDraft>) => void };
type NumberKey = "stepTimeoutSeconds" | "hostCount" | "restartSeconds" | "failPercent" | "maxHosts" | "hostTimeoutSeconds";

/** A number of the target, named `target.<field>` as the API names it (the draft's `hostCount` is the API's `hosts`). */
export function TargetNumber({ draft, set, draftKey, field = draftKey, label, hint }: Props & { draftKey: NumberKey; field?: string; label: string; hint?: string }) {
  return <TextField name={`target.${field}`} label={label} hint={hint} type="number" value={draft[draftKey]} onChange={(value) => set({ [draftKey]: value })} />;
}

function HostNames({ draft, set }: Props) {
  return (
    <TextField
      name="target.hosts"
      label="Hosts (one per line)"
      hint="Deployed in batches of the batch size; each batch's names are in its environment or payload."
      rows={4}
      mono
      value={draft.hostNames}
      onChange={(hostNames) => set({ hostNames })}
    />
  );
}

/** Each kind's own inputs (SPEC "Targets"). */
export const kindFields: Record<TargetKind, (props: Props) => React.ReactNode> = {
  simulated: (props) => (
    <div className="grid gap-4 sm:grid-cols-3">
      <TargetNumber {...props} draftKey="hostCount" field="hosts" label="Simulated hosts" />
      <TargetNumber {...props} draftKey="restartSeconds" label="Restart time (seconds)" />
      <TargetNumber {...props} draftKey="failPercent" label="Hosts that never turn healthy (%)" hint="To show and test failed rollouts." />
    </div>
  ),
  agents: (props) => (
    <div className="grid gap-4 sm:grid-cols-2">
      <TargetNumber {...props} draftKey="maxHosts" label="Most hosts" hint="A new host past this many is refused." />
      <TargetNumber {...props} draftKey="hostTimeoutSeconds" label="Host timeout (seconds)" hint="A host not seen for this long is unreachable; batches go on without it." />
    </div>
  ),
  command: (props) => (
    <div className="space-y-4">
      <HostNames {...props} />
      <TextField
        name="target.batch.run"
        label="Batch command"
        hint="Run by a worker with /bin/sh -c once per batch; SHIPBOARD_HOSTS names the batch's hosts. Exit code 0 succeeds."
        mono
        value={props.draft.batchRun}
        onChange={(batchRun) => props.set({ batchRun })}
      />
    </div>
  ),
  webhook: (props) => (
    <div className="space-y-4">
      <TextField
        name="target.url"
        label="Step URL"
        hint="Each step is POSTed here, signed with the pipeline's secret; the answer (or a later callback) decides."
        type="url"
        mono
        value={props.draft.url}
        onChange={(url) => props.set({ url })}
      />
      <HostNames {...props} />
    </div>
  ),
};
