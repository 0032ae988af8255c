import type { Metadata } from "next";
import { AuditFilterForm, type AuditFilters } from "@/components/audit/audit-filters";
import { AuditList, type AuditQuery } from "@/components/audit/audit-list";
import { knownZone, parseWhen, whenRange } from "@/components/audit/when";
import { PAGE_SIZE } from "@/components/queries";
import { requireIdentity } from "@/lib/auth/session";
import { listAudit } from "@/lib/views/audit";
import { listPipelines } from "@/lib/views/pipelines";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A filter from the URL: the first value, trimmed, or none when blank. */
const param = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 200) || undefined;

export default async function AuditPage({ searchParams }: Props) {
  await requireIdentity();
  const query = await searchParams;
  const when = parseWhen(param(query.when));
  const filters: AuditFilters = { pipeline: param(query.pipeline), actor: param(query.actor), action: param(query.action), when };
  // The presets are the viewer's days: the form sends the browser's zone along.
  const apiFilters: AuditQuery = {
    pipeline: filters.pipeline,
    actor: filters.actor,
    action: filters.action,
    ...(when ? whenRange(when, knownZone(param(query.tz))) : {}),
  };
  const [initial, pipelines] = await Promise.all([listAudit({ ...apiFilters, limit: PAGE_SIZE }), listPipelines()]);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
      <AuditFilterForm filters={filters} pipelines={pipelines.map((p) => p.slug)} />
      <AuditList key={JSON.stringify(apiFilters)} filters={apiFilters} initial={initial} />
    </section>
  );
}
