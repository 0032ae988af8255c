import { db } from "../db";
import type { Pipeline } from "../generated/prisma/client";
import { badRequest, notFound } from "../errors";
import { guardrailsHolding, type Blocker } from "./decide/continuous";
import { decidePromote } from "./decide/promote";
import { optionalReason } from "./decide/reason";
import { advanceRelease, openBuildRelease } from "./store/lifecycle";
import { loadDeploymentFacts } from "./store/deployment";
import { loadActiveRelease, loadBuild, pipelineFacts } from "./store/load";
import { onLockedPipeline, type Tx } from "./store/transaction";

/**
 * The guardrails (not-yet-baked upstream, a freeze, the windows) that would
 * hold this build of the pipeline from CD now. A pipeline with none set skips
 * the facts query: promote runs under the row lock, and most pipelines have none.
 */
async function guardrailsFor(client: Tx | typeof db, pipeline: Pipeline, buildId: number, now: Date): Promise<Blocker[]> {
  const unguarded = (pipeline.windows as unknown[]).length === 0 && pipeline.upstream === null
    && (await client.freeze.count({ where: { pipelineId: pipeline.id, to: { gt: now } } })) === 0;
  if (unguarded) return [];
  const facts = (await loadDeploymentFacts(client, [pipeline.id], now, { buildId })).get(pipeline.id);
  const build = facts?.builds[0];
  return facts && build ? guardrailsHolding(facts, build, now) : [];
}

/** What a promote of this build would override, for its dialog: it asks for a reason when anything. */
export async function promotePreview(slug: string, buildId: number): Promise<{ guardrails: Blocker[] }> {
  const pipeline = await db.pipeline.findUnique({ where: { slug } });
  if (pipeline === null) throw notFound(`pipeline "${slug}" does not exist`);
  return { guardrails: await guardrailsFor(db, pipeline, buildId, new Date()) };
}

/**
 * Rule 4: deploys a passed build of this pipeline now, locked or not; its
 * checks start at once. Guardrails do not hold a person either, but going past
 * one (outside the windows, in a freeze, before the bake is done) needs a reason.
 */
export async function promoteBuild(slug: string, buildId: number, actor: string, reason?: string): Promise<{ releaseId: number }> {
  const why = optionalReason(reason);
  return onLockedPipeline(slug, async (tx, pipeline, now) => {
    const build = decidePromote({
      pipeline: pipelineFacts(pipeline),
      buildId,
      build: await loadBuild(tx, buildId),
      active: await loadActiveRelease(tx, pipeline.id),
    });
    const overrides = await guardrailsFor(tx, pipeline, build.id, now);
    if (overrides.length > 0 && why === null) {
      throw badRequest(`${overrides.map((o) => o.message).join("; ")}. Promoting goes past this: give a reason`, "reason");
    }
    const release = await openBuildRelease(tx, pipeline, { kind: "promote", trigger: "user", actor, reason: why, build, overrides: overrides.map((o) => o.code) }, now);
    await advanceRelease(tx, pipeline, release.id, now);
    return { releaseId: release.id };
  });
}
