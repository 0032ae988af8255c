"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { notificationShape } from "@/lib/notifications/manage";
import { getJson, sendJson } from "../api";
import { pollEvery, queryKeys, type Page } from "../queries";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { Section, SubHeading } from "../ui/section";
import { subtle } from "../ui/table";
import { AddNotification } from "./add-notification";
import { DeliveryLog } from "./delivery-log";

type Notification = ReturnType<typeof notificationShape>;

/** SPEC "Events and notifications": where this pipeline's events go, and how each delivery went. */
export function NotificationsSection({ slug }: { slug: string }) {
  const client = useQueryClient();
  const notify = useToast();
  const list = useQuery({
    queryKey: queryKeys.notifications(slug),
    queryFn: () => getJson<Page<Notification>>(`/api/pipelines/${slug}/notifications`),
    refetchInterval: pollEvery(false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.notifications(slug) });
  const remove = useMutation({
    mutationFn: (id: number) => sendJson("DELETE", `/api/notifications/${id}`),
    onSuccess: () => notify("success", "Notification removed"),
    onError: (error) => notify("error", error.message),
    onSettled: refresh,
  });
  const items = list.data?.items ?? [];
  return (
    <Section title="Notifications" id="settings-notifications" testId="notifications">
      {list.isError ? <p className={`text-sm ${subtle}`}>Cannot load the notifications: {list.error.message}</p> : null}
      {list.isSuccess && items.length === 0 ? <p className={`text-sm ${subtle}`}>No notifications: this pipeline&apos;s events go nowhere yet.</p> : null}
      <ul className="space-y-4">
        {items.map((notification) => {
          const label = `the ${notification.kind} notification to ${notification.url}`;
          return (
            <li key={notification.id} data-testid="notification" className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <strong>{notification.kind}</strong> <code className="break-all">{notification.url}</code>{" "}
                  <span className={subtle}>
                    · {notification.events.join(", ")} · added by {notification.createdBy}
                  </span>
                </span>
                <Button onClick={() => remove.mutate(notification.id)} disabled={remove.isPending} aria-label={`Remove ${label}`}>
                  Remove
                </Button>
              </div>
              <SubHeading>Latest deliveries</SubHeading>
              <DeliveryLog notificationId={notification.id} label={label} />
            </li>
          );
        })}
      </ul>
      <AddNotification slug={slug} onAdded={refresh} />
    </Section>
  );
}
