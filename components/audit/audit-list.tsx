"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { listAudit } from "@/lib/views/audit";
import { getJson, queryString } from "../api";
import { PAGE_SIZE, queryKeys, SLOW_POLL_MS, type Page } from "../queries";
import { StateBadge } from "../ui/badge";
import { Button } from "../ui/button";
import { StaleBanner } from "../ui/stale-banner";
import { cell, linkStyle, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { releaseName } from "../format";

type AuditEvent = Awaited<ReturnType<typeof listAudit>>["items"][number];
/** What GET /api/audit filters by. */
export type AuditQuery = { pipeline?: string; actor?: string; action?: string; from?: string; to?: string };

function ReleaseCell({ event }: { event: AuditEvent }) {
  if (!event.release) return <span className={subtle}>—</span>;
  return (
    <Link href={`/releases/${event.release.id}`} className={linkStyle}>
      {releaseName(event.release)}
    </Link>
  );
}

function PipelineCell({ event }: { event: AuditEvent }) {
  if (!event.pipeline) return <span className={subtle}>—</span>;
  return (
    <Link href={`/pipelines/${event.pipeline}`} className={linkStyle}>
      {event.pipeline}
    </Link>
  );
}

const Outcome = ({ event }: { event: AuditEvent }) => (event.outcome === "failed" ? <StateBadge state="failed" /> : <>{event.outcome}</>);

/** On a phone each event is a card: who did what, where, when, and the reason in full. */
function AuditCards({ events }: { events: AuditEvent[] }) {
  return (
    <ul className="space-y-2 md:hidden" aria-label="Audit events, newest first">
      {events.map((event) => (
        <li key={event.id} data-testid="audit-card" className="space-y-1 rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-mono text-xs font-semibold">{event.action}</span>
            <RelativeTime at={event.at} className={`text-xs ${subtle}`} />
          </div>
          <p className="break-words">
            {event.actor}
            {event.pipeline ? <> · <PipelineCell event={event} /></> : null}
            {event.release ? <> · <ReleaseCell event={event} /></> : null}
            {" · "}
            <Outcome event={event} />
          </p>
          {event.reason ? <p className="break-words text-zinc-700 dark:text-zinc-300" data-testid="audit-reason">“{event.reason}”</p> : null}
        </li>
      ))}
    </ul>
  );
}

const head = [
  { label: "When" },
  { label: "Actor" },
  { label: "Action" },
  { label: "Pipeline" },
  { label: "Release" },
  { label: "Reason" },
  { label: "Outcome" },
];

/** Audit events newest first by time, a page at a time ("Load more" follows the API's cursor); a table on wide screens, cards on phones. */
export function AuditList({ filters, initial }: { filters: AuditQuery; initial: Page<AuditEvent> }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam }) => getJson<Page<AuditEvent>>(`/api/audit${queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [undefined] },
    refetchInterval: SLOW_POLL_MS,
  });
  const events = query.data.pages.flatMap((page) => page.items);
  return (
    <div className="space-y-3">
      <StaleBanner error={query.error} />
      {events.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No events match these filters.</p>
      ) : (
        <>
          <AuditCards events={events} />
          <div className="hidden md:block">
            <Table caption="Audit events, newest first" head={head}>
              {events.map((event) => (
                <tr key={event.id} data-testid="audit-row">
                  <td className={`${cell} whitespace-nowrap`}>
                    <RelativeTime at={event.at} />
                  </td>
                  <td className={`${cell} max-w-[10rem] truncate`} title={event.actor}>
                    {event.actor}
                  </td>
                  <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{event.action}</td>
                  <td className={cell}>
                    <PipelineCell event={event} />
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <ReleaseCell event={event} />
                  </td>
                  <td className={`${cell} max-w-[20rem] break-words`}>{event.reason ?? <span className={subtle}>—</span>}</td>
                  <td className={cell}>
                    <Outcome event={event} />
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        </>
      )}
      {query.hasNextPage ? (
        <Button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : events.length > 0 ? (
        <p className={`text-sm ${subtle}`}>That is every event.</p>
      ) : null}
    </div>
  );
}
