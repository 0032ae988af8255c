"use client";

import { useState } from "react";
import { useFieldError } from "./field-errors";
import { TextField } from "./inputs";

/**
 * The target's fields this form has no inputs for (e.g. metricChecks), as
 * JSON: kept on every save, editable by hand. Opens by itself when the
 * server's error is about one of them.
 */
export function AdvancedJson({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [opened, setOpened] = useState(value !== "");
  const hasProblem = useFieldError("target") !== undefined;
  return (
    <details open={opened || hasProblem} onToggle={(event) => setOpened(event.currentTarget.open)} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-medium">Advanced (JSON): other target fields</summary>
      <TextField
        className="mt-3"
        name="target"
        label="Other target fields (JSON object)"
        hint="Fields the form above does not cover, sent with the target as they are; empty for none."
        rows={8}
        mono
        value={value}
        onChange={onChange}
        placeholder='{"metricChecks": []}'
      />
    </details>
  );
}
