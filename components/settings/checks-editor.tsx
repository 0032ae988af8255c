"use client";

import { Button } from "../ui/button";
import { FieldGroup } from "./field-errors";
import { TextField } from "./inputs";
import type { CheckDraft } from "./target-draft";

/**
 * The checks run in parallel before the batches. A command target's checks
 * each run a command line; the other kinds' are names only (their API shape:
 * strings for simulated and agents, `{name}` for webhook).
 */
export function ChecksEditor({ checks, onChange, shape }: {
  checks: CheckDraft[];
  onChange: (checks: CheckDraft[]) => void;
  shape: "names" | "objects" | "commands";
}) {
  const update = (index: number, patch: Partial<CheckDraft>) => onChange(checks.map((check, i) => (i === index ? { ...check, ...patch } : check)));
  // The API's path to a check's name: `target.checks.2` for a list of names, `target.checks.2.name` for objects.
  const nameField = (index: number) => (shape === "names" ? `target.checks.${index}` : `target.checks.${index}.name`);
  return (
    <FieldGroup name="target.checks" legend="Checks (run in parallel before the batches)">
      {checks.length === 0 ? <p className="mb-2 text-zinc-600 dark:text-zinc-400">No checks: the first batch starts at once.</p> : null}
      <ol className="space-y-2">
        {checks.map((check, index) => (
          <li key={index} className="flex flex-wrap items-end gap-2" data-testid="check-row">
            <TextField className="min-w-40 flex-1" name={nameField(index)} label={`Check ${index + 1} name`} value={check.name} onChange={(name) => update(index, { name })} />
            {shape === "commands" ? (
              <TextField className="min-w-56 flex-[2]" mono name={`target.checks.${index}.run`} label={`Check ${index + 1} command`} value={check.run} onChange={(run) => update(index, { run })} />
            ) : null}
            <Button onClick={() => onChange(checks.filter((_, i) => i !== index))} aria-label={`Remove check ${index + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button className="mt-2" onClick={() => onChange([...checks, { name: "", run: "" }])}>
        Add a check
      </Button>
    </FieldGroup>
  );
}
