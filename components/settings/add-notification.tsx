"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { EVENT_TYPES, type EventType } from "@/lib/events/types";
import { postJson } from "../api";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { Checkbox, SelectField, TextField } from "./inputs";
import { FieldErrors, FieldGroup, FormProblem, serverProblem, type ServerProblem } from "./field-errors";

const KINDS = [
  ["webhook", "Webhook (signed JSON)"],
  ["slack", "Slack (incoming webhook)"],
] as const;

/** POST /api/pipelines/:slug/notifications; the server checks the URL (no private addresses) and the events. */
export function AddNotification({ slug, onAdded }: { slug: string; onAdded: () => void }) {
  const notify = useToast();
  const [kind, setKind] = useState("webhook");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<EventType[]>([...EVENT_TYPES]);
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const add = useMutation({
    mutationFn: () => postJson(`/api/pipelines/${slug}/notifications`, { kind, url, events }),
    onSuccess: () => {
      notify("success", `Notification added: ${kind} for ${events.length} kinds of event`);
      setUrl("");
      onAdded();
    },
    onError: (error) => setProblem(serverProblem(error)),
  });
  const toggle = (type: EventType, on: boolean) => setEvents(EVENT_TYPES.filter((t) => (t === type ? on : events.includes(t))));
  return (
    <FieldErrors problem={problem}>
      <form
        noValidate
        aria-label="Add a notification"
        className="mt-4 space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          add.mutate();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
          <SelectField name="kind" label="Send to" value={kind} onChange={setKind} options={KINDS} />
          <TextField name="url" label="Notification URL" type="url" mono value={url} onChange={setUrl} hint="Shown masked once saved: such URLs are secrets." />
        </div>
        <FieldGroup name="events" legend="Events">
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {EVENT_TYPES.map((type) => (
              <Checkbox key={type} label={type} checked={events.includes(type)} onChange={(on) => toggle(type, on)} />
            ))}
          </div>
        </FieldGroup>
        <FormProblem />
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Add notification
        </Button>
      </form>
    </FieldErrors>
  );
}
