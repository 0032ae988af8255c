"use client";

import { useState } from "react";
import type { PipelineView } from "@/lib/views/shapes";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReasonField } from "../ui/reason-field";
import { usePipelineAction } from "./use-pipeline-action";

/** Lock asks why (SPEC rule 2); the reason is what the next person on call reads. */
export function LockButton({ slug }: { slug: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const lock = usePipelineAction<{ reason: string }, PipelineView>(slug, "lock", () => `Locked ${slug}: continuous deployment stopped`);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        Lock
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Lock ${slug}`}
        confirm="Lock pipeline"
        action={lock}
        disabled={reason.trim() === ""}
        onConfirm={() => lock.mutate({ reason: reason.trim() }, { onSuccess: () => (setOpen(false), setReason("")) })}
      >
        <p>New green builds will wait until someone unlocks. A release already rolling out finishes; one not yet started is canceled.</p>
        <ReasonField label="Reason (shown to everyone)" value={reason} onChange={setReason} required placeholder="investigating error spike" />
      </ConfirmDialog>
    </>
  );
}

/** Unlock resumes continuous deployment; after a rollback that may redeploy the bad build, so it says so. */
export function UnlockButton({ pipeline }: { pipeline: PipelineView }) {
  const [open, setOpen] = useState(false);
  const unlock = usePipelineAction<Record<string, never>, { changed: boolean }>(pipeline.slug, "unlock", (result) =>
    result.changed ? `Unlocked ${pipeline.slug}: continuous deployment resumes` : `${pipeline.slug} was not locked`,
  );
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        Unlock
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Unlock ${pipeline.slug}`}
        confirm="Unlock pipeline"
        action={unlock}
        onConfirm={() => unlock.mutate({}, { onSuccess: () => setOpen(false) })}
      >
        {pipeline.lock?.reason ? <p>Locked because: “{pipeline.lock.reason}”.</p> : null}
        <p>
          {pipeline.autoDeploy
            ? "Continuous deployment resumes on the next tick: the newest green build deploys."
            : "Auto-deploy is off for this pipeline, so nothing deploys by itself after unlocking."}
          {pipeline.lock?.kind === "rollback" ? " The build you rolled back from never goes out again by itself: continuous deployment waits for a newer green build (or someone promotes it)." : null}
        </p>
      </ConfirmDialog>
    </>
  );
}
