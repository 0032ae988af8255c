"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { AuditView } from "@/lib/views/shapes";
import { getJson, queryString } from "../api";
import { PAGE_SIZE, queryKeys, SLOW_POLL_MS, type Page } from "../queries";
import { StateBadge } from "../ui/badge";
import { Button } from "../ui/button";
import { StaleBanner } from "../ui/stale-banner";
import { cell, linkStyle, phoneHidden, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import type { AuditFilters } from "./audit-filters";

const head = [
  { label: "When" },
  { label: "Actor" },
  { label: "Action" },
  { label: "Pipeline" },
  { label: "Release", hideOnPhone: true },
  { label: "Reason", hideOnPhone: true },
  { label: "Outcome" },
];

/** Audit events newest first, a page at a time ("Load more" follows the API's cursor). */
export function AuditList({ filters, initial }: { filters: AuditFilters; initial: Page<AuditView> }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam }) => getJson<Page<AuditView>>(`/api/audit${queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`),
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
                {event.pipeline ? (
                  <Link href={`/pipelines/${event.pipeline}`} className={linkStyle}>
                    {event.pipeline}
                  </Link>
                ) : (
                  <span className={subtle}>—</span>
                )}
              </td>
              <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
                {event.releaseId ? (
                  <Link href={`/releases/${event.releaseId}`} className={linkStyle}>
                    release {event.releaseId}
                  </Link>
                ) : (
                  <span className={subtle}>—</span>
                )}
              </td>
              <td className={`${cell} ${phoneHidden} max-w-[20rem] break-words`}>{event.reason ?? <span className={subtle}>—</span>}</td>
              <td className={cell}>{event.outcome === "failed" ? <StateBadge state="failed" /> : event.outcome}</td>
            </tr>
          ))}
        </Table>
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
