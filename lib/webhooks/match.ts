// Which of the pipelines a signed build event names records it (SPEC "Webhooks").
import type { BuildEvent } from "./types";

export type PipelineMatch = { slug: string; repository: string; branch: string; ciWorkflows: string[] };

/** Null when `pipeline` records `event`; else why not, in words for the delivery log. */
export function whyNotRecorded(pipeline: PipelineMatch, event: BuildEvent): string | null {
  if (pipeline.repository.toLowerCase() !== event.repository) {
    return `repository ${event.repository ?? "(none given)"} is not ${pipeline.slug}'s (${pipeline.repository})`;
  }
  if (pipeline.branch !== event.branch) return `branch ${event.branch} is not ${pipeline.slug}'s branch ${pipeline.branch}`;
  if (pipeline.ciWorkflows.length > 0) {
    const name = event.workflow?.toLowerCase();
    if (!pipeline.ciWorkflows.some((workflow) => workflow.toLowerCase() === name)) {
      return `workflow ${JSON.stringify(event.workflow ?? "")} is not in ${pipeline.slug}'s ciWorkflows`;
    }
  }
  return null;
}
