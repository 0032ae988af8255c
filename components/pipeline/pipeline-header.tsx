import type { PipelineView } from "@/lib/views/shapes";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { subtle } from "../ui/table";
import { LockButton, UnlockButton } from "./lock-actions";
import { PipelineNotes } from "./notes";
import { pipelineStatus } from "./pipeline-status";
import { RollbackButton } from "./rollback-action";

export const VIEWER_NOTE = "You have viewer access; ask an admin for deployer to lock, promote or roll back.";

/** Name, where it deploys, its state, and the actions a deployer may take. */
export function PipelineHeader({ pipeline, canDeploy }: { pipeline: PipelineView; canDeploy: boolean }) {
  const status = pipelineStatus(pipeline);
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">{pipeline.name}</h1>
            <Badge tone={status.tone} glyph={status.glyph} testId="pipeline-status">
              {status.label}
            </Badge>
          </div>
          <p className={`mt-1 text-sm ${subtle}`}>
            {pipeline.repository} · {pipeline.branch} → {pipeline.environment} · auto-deploy {pipeline.autoDeploy ? "on" : "off"} · batches of{" "}
            {pipeline.batchPercent}%
          </p>
        </div>
        {canDeploy ? (
          <div className="flex flex-wrap gap-2" data-testid="pipeline-actions">
            {/* The emergency stop's lock goes only with the stop (the header's button, for admins). */}
            {pipeline.lock?.kind === "emergency" ? null : pipeline.locked ? <UnlockButton pipeline={pipeline} /> : <LockButton slug={pipeline.slug} />}
            {/* A rollback already running is the answer; a second press would only go further back. */}
            {pipeline.activeRelease?.kind === "rollback" ? (
              <Button disabled data-testid="rolling-back-button">
                <span aria-hidden>↶ </span>Rolling back…
              </Button>
            ) : (
              <RollbackButton pipeline={pipeline} />
            )}
          </div>
        ) : null}
      </div>
      {canDeploy ? null : (
        <p data-testid="viewer-note" className={`text-sm ${subtle}`}>
          {VIEWER_NOTE}
        </p>
      )}
      <PipelineNotes pipeline={pipeline} />
    </header>
  );
}
