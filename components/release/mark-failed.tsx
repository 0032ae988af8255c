"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ReleaseView } from "@/lib/views/shapes";
import { postJson } from "../api";
import { queryKeys } from "../queries";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReasonField } from "../ui/reason-field";

/**
 * "Mark failed" (admins): ends a pending, running or stuck release from the
 * web alone (POST /api/releases/:id/fail); its commands stop once a worker runs.
 */
export function MarkFailedButton({ release }: { release: Pick<ReleaseView, "id" | "number"> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const client = useQueryClient();
  const notify = useToast();
  const fail = useMutation({
    mutationFn: (body: { reason: string }) => postJson<ReleaseView>(`/api/releases/${release.id}/fail`, body),
    onSuccess: () => notify("success", `Release #${release.number} marked failed`),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.release(release.id) }),
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Mark failed
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Mark release #${release.number} failed`}
        confirm="Mark failed"
        variant="danger"
        action={fail}
        disabled={reason.trim() === ""}
        onConfirm={() => fail.mutate({ reason: reason.trim() }, { onSuccess: () => (setOpen(false), setReason("")) })}
      >
        <p>The release fails now and the pipeline is free again. Commands it still runs are stopped as soon as a worker runs.</p>
        <ReasonField label="Reason (in the audit log)" value={reason} onChange={setReason} required placeholder="workers are down" />
      </ConfirmDialog>
    </>
  );
}
