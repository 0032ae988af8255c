import Link from "next/link";
import { Button, focusRing } from "../ui/button";
import { TimeZoneField } from "./time-zone-field";
import { WHEN_PRESETS, type When } from "./when";

/** The form's filters, as in the URL; `when` is a preset in the viewer's days. */
export type AuditFilters = { pipeline?: string; actor?: string; action?: string; when?: When };

/** SPEC "Audit event" actions, for the filter. */
export const AUDIT_ACTIONS = [
  "pipeline.create",
  "deploy",
  "promote",
  "rollback",
  "lock",
  "unlock",
  "release.failed",
  "token.create",
  "token.revoke",
  "user.role",
  "signin",
  "signin.failed",
];

const field = `h-9 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`;

function Choice({ name, label, value, options, all = "All" }: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (string | { value: string; label: string })[];
  all?: string;
}) {
  return (
    // A label beside the control, not around it, so its name is the label alone and not the options' text.
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={`audit-${name}`} className="font-medium">
        {label}
      </label>
      <select id={`audit-${name}`} name={name} defaultValue={value ?? ""} className={field}>
        <option value="">{all}</option>
        {options.map((option) =>
          typeof option === "string" ? (
            <option key={option}>{option}</option>
          ) : (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

/** A plain GET form: the filters live in the URL and work before any JavaScript loads. */
export function AuditFilterForm({ filters, pipelines }: { filters: AuditFilters; pipelines: string[] }) {
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter audit events">
      <Choice name="pipeline" label="Pipeline" value={filters.pipeline} options={pipelines} />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="audit-actor" className="font-medium">
          Actor
        </label>
        <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} placeholder="part of a name or email" className={`${field} w-48`} />
      </div>
      <Choice name="action" label="Action" value={filters.action} options={AUDIT_ACTIONS} />
      <Choice name="when" label="When" value={filters.when} options={WHEN_PRESETS} all="Any time" />
      <TimeZoneField />
      <Button type="submit" variant="primary">
        Filter
      </Button>
      <Link href="/audit" className={`rounded-md px-2 py-1.5 text-sm underline underline-offset-2 ${focusRing}`}>
        Clear
      </Link>
    </form>
  );
}
