import { db } from "../db";
import { decideDeployment, type Blocker } from "./decide/continuous";
import { loadDeploymentFacts } from "./store/deployment";

/**
 * "Why is the newest green build not live?" for the read views, from the very
 * decision the tick makes (one query for all ids). Unknown ids are left out.
 */
export async function blockersFor(pipelineIds: number[], now: Date = new Date()): Promise<Map<number, Blocker | null>> {
  const facts = await loadDeploymentFacts(db, pipelineIds, now);
  const known = pipelineIds.filter((id) => facts.has(id));
  return new Map(known.map((id) => [id, decideDeployment(facts.get(id)!, now).blocker]));
}
