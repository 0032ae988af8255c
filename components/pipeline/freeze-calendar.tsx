"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { FreezeView } from "@/lib/views/freezes";
import { getJson, postJson, sendJson } from "../api";
import { formatAbsolute } from "../format";
import { pollEvery, queryKeys, type Page } from "../queries";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { ReasonField } from "../ui/reason-field";
import { Section } from "../ui/section";
import { subtle } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { useNow } from "../ui/use-now";

const input = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/** `datetime-local` is the browser's wall clock; the API takes instants. */
const instant = (local: string) => new Date(local).toISOString();

function useFreezeWrites(slug: string) {
  const client = useQueryClient();
  const notify = useToast();
  const refresh = () =>
    Promise.all([queryKeys.freezes(slug), queryKeys.pipeline(slug)].map((queryKey) => client.invalidateQueries({ queryKey })));
  const add = useMutation({
    mutationFn: (body: { from: string; to: string; reason: string }) => postJson<FreezeView>(`/api/pipelines/${slug}/freezes`, body),
    onSuccess: () => notify("success", "Freeze added: CD waits while it is on"),
    onError: (error) => notify("error", error.message),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => sendJson("DELETE", `/api/freezes/${id}`),
    onSuccess: () => notify("success", "Freeze removed"),
    onError: (error) => notify("error", error.message),
    onSettled: refresh,
  });
  return { add, remove };
}

function AddFreeze({ slug, add }: { slug: string; add: ReturnType<typeof useFreezeWrites>["add"] }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const ready = from !== "" && to !== "" && reason.trim() !== "";
  return (
    <form
      className="mt-3 grid gap-2 sm:grid-cols-2"
      aria-label={`Add a freeze to ${slug}`}
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ from: instant(from), to: instant(to), reason: reason.trim() }, { onSuccess: () => (setFrom(""), setTo(""), setReason("")) });
      }}
    >
      <label className="text-sm">
        <span className="mb-1 block font-medium">Starts (your time)</span>
        <input type="datetime-local" className={input} value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Ends (your time)</span>
        <input type="datetime-local" className={input} value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <div className="sm:col-span-2">
        <ReasonField label="Reason (shown to everyone)" value={reason} onChange={setReason} required placeholder="Black Friday" />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" variant="primary" disabled={!ready || add.isPending}>
          Add freeze
        </Button>
      </div>
    </form>
  );
}

/** The freeze calendar: freezes on now or still to come. Promote and rollback are not held by them. */
export function FreezeCalendar({ slug, canDeploy }: { slug: string; canDeploy: boolean }) {
  const freezes = useQuery({
    queryKey: queryKeys.freezes(slug),
    queryFn: () => getJson<Page<FreezeView>>(`/api/pipelines/${slug}/freezes`),
    refetchInterval: pollEvery(false),
  });
  const { add, remove } = useFreezeWrites(slug);
  const now = useNow();
  const items = freezes.data?.items ?? [];
  return (
    <Section title="Freezes" id="freezes" testId="freezes">
      {items.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No freezes planned. During a freeze CD waits; people can still promote and roll back.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {items.map((freeze) => {
            const on = Date.parse(freeze.from) <= now;
            return (
              <li key={freeze.id} data-testid="freeze" className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <strong className={on ? "text-amber-700 dark:text-amber-300" : ""}>{on ? "Frozen now" : "Planned"}</strong>{" "}
                  <span title={formatAbsolute(freeze.from)}>from <RelativeTime at={freeze.from} /></span>{" "}
                  <span title={formatAbsolute(freeze.to)}>until <RelativeTime at={freeze.to} /></span>: {freeze.reason}{" "}
                  <span className={subtle}>({freeze.by})</span>
                </span>
                {canDeploy ? (
                  <Button onClick={() => remove.mutate(freeze.id)} disabled={remove.isPending} aria-label={`Remove the freeze “${freeze.reason}”`}>
                    {on ? "Lift" : "Remove"}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canDeploy ? <AddFreeze slug={slug} add={add} /> : null}
    </Section>
  );
}
