"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RollbackPreview } from "@/lib/views/rollback";
import type { PipelineView, ReleaseView } from "@/lib/views/shapes";
import { ApiError, getJson } from "../api";
import { BuildSummary } from "../build/build-summary";
import { buildName, plural, releaseName } from "../format";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReasonField } from "../ui/reason-field";
import { GuardrailsNotice } from "./promote-guardrails";
import { usePipelineAction } from "./use-pipeline-action";

function RollbackPlanText({ pipeline, plan }: { pipeline: PipelineView; plan: RollbackPreview }) {
  const hosts = pipeline.hostSummary?.total ?? 0;
  return (
    <>
      <div className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
        <div data-testid="rollback-from">
          <p className="font-medium">
            From {releaseName(plan.from)} {pipeline.activeRelease ? "(rolling out now; it stops and is superseded)" : "(live now)"}
          </p>
          <BuildSummary build={plan.from.build} />
        </div>
        <div data-testid="rollback-target">
          <p className="font-medium">
            <span aria-hidden>↶ </span>Back to {releaseName(plan.target)}
          </p>
          <BuildSummary build={plan.target.build} />
        </div>
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">
        Checks are skipped; {plural(hosts, "host")} switch back in batches of {plan.batchPercent}%. The pipeline then stays locked until someone unlocks it, so the
        bad build is not redeployed.
      </p>
    </>
  );
}

/** Roll back (SPEC rule 5) through a dialog that names exactly the release it goes back to. */
export function RollbackButton({ pipeline }: { pipeline: PipelineView }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  // The engine's own rule-5 decision: the dialog names exactly what the server would do.
  const preview = useQuery({
    queryKey: ["pipeline", pipeline.slug, "rollback-preview"],
    queryFn: () => getJson<RollbackPreview>(`/api/pipelines/${pipeline.slug}/rollback`),
    enabled: open,
    staleTime: 0,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const rollback = usePipelineAction<{ releaseId?: number; reason?: string }, ReleaseView>(
    pipeline.slug,
    "rollback",
    (release) => `${releaseName(release)} started: going back to build ${buildName(release.build)}`,
  );
  const plan = preview.data ?? null;
  // The engine says what a rollback now goes past (a freeze, outside the windows): then it needs a reason.
  const askReason = (plan?.guardrails.length ?? 0) > 0;
  const confirm = () => {
    // Name the target explicitly, so the server rolls back to exactly the release the dialog showed.
    const body = { releaseId: plan?.target?.id, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    rollback.mutate(body, { onSuccess: () => (setOpen(false), setReason("")) });
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} disabled={!pipeline.currentRelease && !pipeline.activeRelease}>
        <span aria-hidden>↶</span> Roll back
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Roll back ${pipeline.slug}`}
        confirm={plan?.target ? `Roll back to ${releaseName(plan.target)}` : "Roll back"}
        variant="danger"
        action={rollback}
        disabled={!plan?.target || (askReason && reason.trim() === "")}
        onConfirm={confirm}
      >
        {plan ? (
          <RollbackPlanText pipeline={pipeline} plan={plan} />
        ) : preview.error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {preview.error instanceof ApiError && preview.error.status === 409 ? preview.error.message : `Cannot ask the server: ${preview.error.message}`}
          </p>
        ) : (
          <p>Finding the release to go back to…</p>
        )}
        {plan ? (
          <GuardrailsNotice
            guardrails={plan.guardrails}
            testId="rollback-guardrails"
            intro="Deploys are held now:"
            outro="Rolling back is allowed (a human decision) and goes past this; it is audited with your reason."
          />
        ) : null}
        <ReasonField
          label={askReason ? "Reason (required)" : "Reason (optional)"}
          value={reason}
          onChange={setReason}
          required={askReason}
          placeholder="checkout errors after deploy"
        />
      </ConfirmDialog>
    </>
  );
}
