"use client";

import { control } from "./control";
import { Field } from "./field-errors";

type Common = { name: string; label: string; hint?: string; className?: string };

/** A text, number or time input (or a textarea with `rows`) whose value goes to the server as typed. */
export function TextField({ value, onChange, type = "text", rows, mono, autoComplete, placeholder, ...field }: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "number" | "time" | "password" | "url";
  rows?: number;
  mono?: boolean;
  autoComplete?: string;
  placeholder?: string;
}) {
  const look = `${control} ${mono ? "font-mono" : ""}`;
  return (
    <Field {...field}>
      {(props) =>
        rows ? (
          <textarea {...props} className={look} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} placeholder={placeholder} />
        ) : (
          <input {...props} className={look} type={type} value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} placeholder={placeholder} />
        )
      }
    </Field>
  );
}

/** A choice among fixed options: `[value, label]` pairs. */
export function SelectField({ value, onChange, options, ...field }: Common & {
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} className={control} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map(([option, label]) => (
            <option key={option} value={option}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
