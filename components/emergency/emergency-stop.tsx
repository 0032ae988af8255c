"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { EmergencyStopView } from "@/lib/engine";
import { getJson, postJson, sendJson } from "../api";
import { SLOW_POLL_MS } from "../queries";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReasonField } from "../ui/reason-field";
import { RelativeTime } from "../ui/time";

type State = { active: EmergencyStopView | null };
const KEY = ["emergency-stop"] as const;

/** One query for the banner and the button, seeded by the layout so the banner is there on the first paint. */
function useEmergencyStop(initial: State) {
  return useQuery({ queryKey: KEY, queryFn: () => getJson<State>("/api/emergency-stop"), initialData: initial, refetchInterval: SLOW_POLL_MS });
}

function useEmergencyWrite<Body>(send: (body: Body) => Promise<unknown>, done: string) {
  const client = useQueryClient();
  const notify = useToast();
  return useMutation({
    mutationFn: send,
    onSuccess: () => notify("success", done),
    onError: (error) => notify("error", error.message),
    // Every pipeline's lock changed: everything on screen is stale.
    onSettled: () => client.invalidateQueries(),
  });
}

/** On every page while the stop is on: who, when and why. */
export function EmergencyBanner({ initial }: { initial: State }) {
  const active = useEmergencyStop(initial).data.active;
  if (!active) return null;
  return (
    <div role="status" data-testid="emergency-banner" className="bg-red-700 px-4 py-2 text-center text-sm font-medium text-white">
      <span aria-hidden>⛔ </span>Emergency stop: every pipeline is locked, by {active.by} <RelativeTime at={active.startedAt} />: {active.reason}
    </div>
  );
}

/** Admins' button in the header: start the stop (with a reason), or lift it. */
export function EmergencyStopButton({ initial }: { initial: State }) {
  const active = useEmergencyStop(initial).data.active;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const start = useEmergencyWrite((body: { reason: string }) => postJson("/api/emergency-stop", body), "Emergency stop on: every pipeline is locked");
  const lift = useEmergencyWrite(() => sendJson("DELETE", "/api/emergency-stop"), "Emergency stop lifted: its locks are gone");
  const close = () => (setOpen(false), setReason(""));
  return (
    <>
      <Button variant={active ? "secondary" : "danger"} onClick={() => setOpen(true)}>
        {active ? "Lift emergency stop" : "Emergency stop"}
      </Button>
      {active ? (
        <ConfirmDialog open={open} onClose={close} title="Lift the emergency stop" confirm="Lift emergency stop" action={lift} onConfirm={() => lift.mutate(undefined, { onSuccess: close })}>
          <p>Unlocks the pipelines the stop locked; locks set before it, or by rollbacks since, stay. CD resumes on the next tick.</p>
        </ConfirmDialog>
      ) : (
        <ConfirmDialog
          open={open}
          onClose={close}
          title="Emergency stop"
          confirm="Stop all deploys"
          variant="danger"
          action={start}
          disabled={reason.trim() === ""}
          onConfirm={() => start.mutate({ reason: reason.trim() }, { onSuccess: close })}
        >
          <p>Locks every unlocked pipeline and cancels releases that have not started. Releases already rolling out finish unless you roll them back. People can still promote and roll back.</p>
          <ReasonField label="Reason (shown on every page)" value={reason} onChange={setReason} required placeholder="payments are failing" />
        </ConfirmDialog>
      )}
    </>
  );
}
