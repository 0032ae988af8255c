"use client";

import { Section } from "../ui/section";
import { SelectField, TextField } from "./inputs";
import type { UpstreamDraft } from "./settings-draft";

/** Environment chains (SPEC "Guardrails"): deploy only what has baked upstream. */
export function UpstreamEditor({ value, onChange, upstreams }: { value: UpstreamDraft; onChange: (value: UpstreamDraft) => void; upstreams: string[] }) {
  return (
    <Section title="Upstream" id="settings-upstream">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="upstream.slug"
          label="Upstream pipeline"
          hint="Continuous deployment takes only commits that have been live there, without a rollback, for the bake time."
          value={value.slug}
          onChange={(slug) => onChange({ ...value, slug })}
          // The stored upstream stays choosable even when it is gone: the server says what is wrong with it.
          options={[["", "None: deploy green builds directly"] as const, ...[...new Set([...upstreams, value.slug])].filter(Boolean).map((slug) => [slug, slug] as const)]}
        />
        {value.slug === "" ? null : (
          <TextField
            name="upstream.bakeMinutes"
            label="Bake time (minutes)"
            type="number"
            value={value.bakeMinutes}
            onChange={(bakeMinutes) => onChange({ ...value, bakeMinutes })}
          />
        )}
      </div>
    </Section>
  );
}
