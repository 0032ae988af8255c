import { decidePromote } from "./decide/promote";
import { optionalReason } from "./decide/reason";
import { advanceRelease, openBuildRelease } from "./store/lifecycle";
import { loadActiveRelease, loadBuild, pipelineFacts } from "./store/load";
import { onLockedPipeline } from "./store/transaction";

/** Rule 4: deploys a passed build of this pipeline now, locked or not; its checks start at once. */
export async function promoteBuild(slug: string, buildId: number, actor: string, reason?: string): Promise<{ releaseId: number }> {
  const why = optionalReason(reason);
  return onLockedPipeline(slug, async (tx, pipeline, now) => {
    const build = decidePromote({
      pipeline: pipelineFacts(pipeline),
      buildId,
      build: await loadBuild(tx, buildId),
      active: await loadActiveRelease(tx, pipeline.id),
    });
    const release = await openBuildRelease(tx, pipeline, { kind: "promote", trigger: "user", actor, reason: why, build }, now);
    await advanceRelease(tx, pipeline, release.id, now);
    return { releaseId: release.id };
  });
}
