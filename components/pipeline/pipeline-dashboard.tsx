"use client";

import { StaleBanner } from "../ui/stale-banner";
import { useDocumentTitle } from "../ui/use-document-title";
import { pipelineTitle } from "./pipeline-status";
import { BuildsTable } from "./builds-table";
import { FreezeCalendar } from "./freeze-calendar";
import { HostGrid } from "./host-grid";
import { PipelineHeader } from "./pipeline-header";
import { ReleasesTable } from "./releases-table";
import { RolloutPanel } from "./rollout-panel";
import { usePipelineData, type PipelineData } from "./use-pipeline-data";

/** The pipeline page's live part: everything below polls the API, seeded by the server's first answer. */
export function PipelineDashboard({ initial, canDeploy }: { initial: PipelineData; canDeploy: boolean }) {
  const { pipeline, releases, builds, error } = usePipelineData(initial);
  const latest = releases.items[0] ?? null;
  // The current release carries its batches' host counts; a row of the releases list does not.
  const shown = pipeline.activeRelease ?? (latest && latest.id === pipeline.currentRelease?.id ? pipeline.currentRelease : latest);
  useDocumentTitle(pipelineTitle(pipeline));
  return (
    <div className="space-y-5">
      <StaleBanner error={error} />
      <PipelineHeader pipeline={pipeline} canDeploy={canDeploy} />
      <RolloutPanel release={shown} currentReleaseId={pipeline.currentRelease?.id ?? null} lock={pipeline.lock} repository={pipeline.repository} />
      <HostGrid summary={pipeline.hostSummary} hosts={pipeline.hosts ?? []} activeRelease={pipeline.activeRelease} currentRelease={pipeline.currentRelease} />
      <BuildsTable pipeline={pipeline} builds={builds.items} canDeploy={canDeploy} />
      <ReleasesTable slug={pipeline.slug} releases={releases.items} />
      <FreezeCalendar slug={pipeline.slug} canDeploy={canDeploy} />
    </div>
  );
}
