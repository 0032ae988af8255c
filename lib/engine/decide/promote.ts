// Rule 4: promote a passed build of this pipeline now, locked or not.
import { conflict, notFound } from "../../errors";
import type { BuildFacts, PipelineFacts, ReleaseFacts } from "./facts";
import { buildLabel, capitalize } from "./words";

/** `build` is the build with the requested id whatever its pipeline, or null when there is none. */
export function decidePromote(facts: {
  pipeline: PipelineFacts;
  buildId: number;
  build: BuildFacts | null;
  active: ReleaseFacts | null;
}): BuildFacts {
  const { pipeline, build, active } = facts;
  if (build === null || build.pipelineId !== pipeline.id) throw notFound(`Build ${facts.buildId} not found in pipeline ${pipeline.slug}`);
  if (build.state !== "passed") throw conflict(`${capitalize(buildLabel(build))} has not passed CI (it is ${build.state}); only a passed build can be promoted`);
  if (active !== null) {
    throw conflict(`Release #${active.number} is ${active.state}; wait for it to finish (or roll back) before promoting ${buildLabel(build)}`);
  }
  return build;
}
