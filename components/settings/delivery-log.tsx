"use client";

import { useQuery } from "@tanstack/react-query";
import type { deliveryShape } from "@/lib/notifications/manage";
import { getJson } from "../api";
import { pollEvery, queryKeys, type Page } from "../queries";
import { Badge } from "../ui/badge";
import { cell, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import type { Tone } from "../ui/tone";

type Delivery = ReturnType<typeof deliveryShape>;

/** How many of the latest attempts to show. */
const RECENT = 10;

/** A failed attempt is retried with backoff; an abandoned event got no 2xx within 24 h. */
const looks: Record<Delivery["status"], { tone: Tone; glyph: string }> = {
  delivered: { tone: "ok", glyph: "✓" },
  failed: { tone: "warn", glyph: "↻" },
  abandoned: { tone: "bad", glyph: "✕" },
};

/** The latest delivery attempts of one notification, newest first (GET /api/notifications/:id/deliveries). */
export function DeliveryLog({ notificationId, label }: { notificationId: number; label: string }) {
  const deliveries = useQuery({
    queryKey: queryKeys.deliveries(notificationId),
    queryFn: () => getJson<Page<Delivery>>(`/api/notifications/${notificationId}/deliveries?limit=${RECENT}`),
    refetchInterval: pollEvery(false),
  });
  if (deliveries.isError) return <p className={`text-sm ${subtle}`}>Cannot load the deliveries: {deliveries.error.message}</p>;
  const items = deliveries.data?.items ?? [];
  if (deliveries.isSuccess && items.length === 0) return <p className={`text-sm ${subtle}`}>No deliveries yet: events after it was added are sent here.</p>;
  return (
    <Table caption={`Latest deliveries of ${label}`} head={[{ label: "When" }, { label: "Status" }, { label: "HTTP" }, { label: "Attempt" }, { label: "Event" }, { label: "Error", hideOnPhone: true }]}>
      {items.map((delivery) => (
        <tr key={delivery.id} data-testid="delivery">
          <td className={cell}>
            <RelativeTime at={delivery.at} />
          </td>
          <td className={cell}>
            <Badge {...looks[delivery.status]}>{delivery.status}</Badge>
          </td>
          <td className={cell}>{delivery.httpStatus ?? "—"}</td>
          <td className={cell}>{delivery.attempt}</td>
          <td className={cell}>#{delivery.eventId}</td>
          <td className={`${cell} hidden max-w-xs truncate md:table-cell`} title={delivery.error ?? undefined}>
            {delivery.error ?? ""}
          </td>
        </tr>
      ))}
    </Table>
  );
}
