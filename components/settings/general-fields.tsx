"use client";

import { Section } from "../ui/section";
import { Checkbox, TextField } from "./inputs";
import type { SettingsDraft } from "./settings-draft";

type Props = { draft: SettingsDraft; set: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void };

/** The pipeline's own settings: names, what it follows, how it rolls out. */
export function GeneralFields({ draft, set }: Props) {
  return (
    <Section title="Pipeline" id="settings-pipeline">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" value={draft.name} onChange={(value) => set("name", value)} />
        <TextField name="repository" label="Repository (owner/name)" value={draft.repository} onChange={(value) => set("repository", value)} />
        <TextField name="branch" label="Branch" hint="Continuous deployment follows green builds of this branch." value={draft.branch} onChange={(value) => set("branch", value)} />
        <TextField name="environment" label="Environment" value={draft.environment} onChange={(value) => set("environment", value)} />
        <TextField name="batchPercent" label="Batch size (% of hosts)" type="number" value={draft.batchPercent} onChange={(value) => set("batchPercent", value)} />
        <TextField
          name="ciWorkflows"
          label="CI workflows to record (one per line)"
          hint="GitHub workflow or GitLab/Buildkite pipeline names; empty: all."
          rows={3}
          value={draft.ciWorkflows}
          onChange={(value) => set("ciWorkflows", value)}
        />
        <div className="space-y-2 sm:col-span-2">
          <Checkbox label="Auto-deploy the newest green build" checked={draft.autoDeploy} onChange={(value) => set("autoDeploy", value)} />
          <Checkbox label="Roll back by itself when a batch fails" checked={draft.autoRollback} onChange={(value) => set("autoRollback", value)} />
        </div>
      </div>
    </Section>
  );
}
