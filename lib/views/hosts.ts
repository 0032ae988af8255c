import { z } from "zod";
import { db } from "../db";
import { Prisma, type Pipeline } from "../generated/prisma/client";
import { isStorable } from "../api/text";
import { badRequest, notFound } from "../errors";
import { parseTarget } from "../engine/targets/schema";
import { targetFor } from "../engine/targets/target";
import { findPipeline } from "./find-pipeline";

/**
 * Hosts as SPEC "Agents" shows them, computed in SQL so a fleet of 10,000 is
 * counted and paged by Postgres and never shipped whole: `state` is
 * unreachable (an agent not seen within the target's host timeout), else
 * switching (told a release it does not run yet), else unhealthy, else
 * healthy. `drift`: the host runs something else than it was told for longer
 * than a step timeout (or a release it was never told).
 */
export const HOST_STATES = ["unreachable", "unhealthy", "switching", "healthy"] as const;
export type HostState = (typeof HOST_STATES)[number];

/** How many hosts a pipeline view carries, problems first; the hosts endpoint pages the rest. */
export const PIPELINE_VIEW_HOSTS = 100;

type Timing = { hostTimeoutSeconds: number | null; stepTimeoutSeconds: number };

function timingOf(pipeline: Pick<Pipeline, "target">): Timing {
  const target = parseTarget(pipeline.target);
  const behaviour = targetFor(target);
  const hostTimeoutSeconds = behaviour.runsSteps ? null : (behaviour.hostTimeoutSeconds ?? null);
  return { hostTimeoutSeconds, stepTimeoutSeconds: target.stepTimeoutSeconds };
}

// The rank orders problems first: unreachable 0, unhealthy 1, switching 2, healthy 3.
const rankSql = (t: Timing) => Prisma.sql`(CASE
  WHEN ${t.hostTimeoutSeconds}::int IS NOT NULL
    AND (h."lastSeenAt" IS NULL OR h."lastSeenAt" < now() - ${t.hostTimeoutSeconds}::int * interval '1 second') THEN 0
  WHEN NOT h.healthy THEN 1
  WHEN h."desiredReleaseId" IS NOT NULL AND h."releaseId" IS DISTINCT FROM h."desiredReleaseId" THEN 2
  ELSE 3 END)`;

const driftSql = (t: Timing) => Prisma.sql`(h."releaseId" IS NOT NULL AND h."desiredReleaseId" IS NOT NULL
  AND h."releaseId" <> h."desiredReleaseId"
  AND (h."desiredAt" IS NULL OR h."desiredAt" < now() - ${t.stepTimeoutSeconds}::int * interval '1 second'))`;

type HostRow = {
  name: string; releaseId: number | null; desiredReleaseId: number | null; healthy: boolean; lastSeenAt: Date | null; rank: number; drift: boolean;
};

function hostShape(row: HostRow) {
  return {
    name: row.name,
    releaseId: row.releaseId,
    desiredReleaseId: row.desiredReleaseId,
    state: HOST_STATES[row.rank]!,
    healthy: row.healthy,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    drift: row.drift,
  };
}
export type HostView = ReturnType<typeof hostShape>;

type HostFilter = {
  state?: HostState;
  release?: number;
  /** The hosts a release step covers. */
  step?: number;
  after?: { rank: number; name: string };
  limit: number;
};

async function hostRows(pipeline: Pick<Pipeline, "id" | "target">, filter: HostFilter): Promise<HostRow[]> {
  const t = timingOf(pipeline);
  const rank = rankSql(t);
  const conditions = [Prisma.sql`h."pipelineId" = ${pipeline.id}`];
  if (filter.state) conditions.push(Prisma.sql`${rank} = ${HOST_STATES.indexOf(filter.state)}`);
  if (filter.release !== undefined) conditions.push(Prisma.sql`h."releaseId" = ${filter.release}`);
  if (filter.step !== undefined) conditions.push(Prisma.sql`h.name IN (SELECT unnest(s.hosts) FROM "ReleaseStep" s WHERE s.id = ${filter.step})`);
  if (filter.after) conditions.push(Prisma.sql`(${rank}, h.name) > (${filter.after.rank}::int, ${filter.after.name})`);
  return db.$queryRaw<HostRow[]>`
    SELECT h.name, h."releaseId", h."desiredReleaseId", h.healthy, h."lastSeenAt", ${rank}::int AS rank, ${driftSql(t)} AS drift
    FROM "Host" h WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY rank, h.name LIMIT ${filter.limit}`;
}

/** Every host counted by state and by the release it runs; no host listed. */
export async function hostSummary(pipeline: Pick<Pipeline, "id" | "target">) {
  const t = timingOf(pipeline);
  const [counts] = await db.$queryRaw<{ total: number; unreachable: number; unhealthy: number; switching: number; healthy: number; drift: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE s.rank = 0)::int AS unreachable, count(*) FILTER (WHERE s.rank = 1)::int AS unhealthy,
      count(*) FILTER (WHERE s.rank = 2)::int AS switching, count(*) FILTER (WHERE s.rank = 3)::int AS healthy,
      count(*) FILTER (WHERE s.drift)::int AS drift
    FROM (SELECT ${rankSql(t)} AS rank, ${driftSql(t)} AS drift FROM "Host" h WHERE h."pipelineId" = ${pipeline.id}) s`;
  const byRelease = await db.$queryRaw<{ releaseId: number | null; count: number }[]>`
    SELECT "releaseId", count(*)::int AS count FROM "Host" WHERE "pipelineId" = ${pipeline.id}
    GROUP BY "releaseId" ORDER BY count DESC, "releaseId" DESC NULLS LAST`;
  return { ...counts!, byRelease };
}
export type HostSummary = Awaited<ReturnType<typeof hostSummary>>;

/** What a pipeline view carries: the summary and at most 100 hosts, problems first. */
export async function pipelineHosts(pipeline: Pick<Pipeline, "id" | "target">) {
  const [summary, rows] = await Promise.all([hostSummary(pipeline), hostRows(pipeline, { limit: PIPELINE_VIEW_HOSTS })]);
  return { hostSummary: summary, hosts: rows.map(hostShape) };
}

export const hostsQuery = z.object({
  state: z.enum(HOST_STATES).optional(),
  release: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const encodeCursor = (row: HostRow) => Buffer.from(JSON.stringify([row.rank, row.name])).toString("base64url");

function decodeCursor(cursor: string): { rank: number; name: string } {
  try {
    const [rank, name] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    // A cursor comes back from the client: only a rank this API gives and a name a host could have.
    const validRank = typeof rank === "number" && Number.isInteger(rank) && rank >= 0 && rank < HOST_STATES.length;
    if (validRank && typeof name === "string" && name.length <= 255 && isStorable(name)) return { rank, name };
  } catch {
    // falls through to the 400
  }
  throw badRequest("cursor is not one this API gave out", "cursor");
}

type HostsQuery = z.infer<typeof hostsQuery>;

/** One page of the pipeline's hosts that `filter` keeps, problems first. */
async function pageHosts(pipeline: Pick<Pipeline, "id" | "target">, filter: Pick<HostFilter, "step">, query: HostsQuery) {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await hostRows(pipeline, { ...filter, state: query.state, release: query.release, after, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(hostShape), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** GET /api/pipelines/:slug/hosts: hosts, problems first, by state and release, cursor paged. */
export async function listHosts(slug: string, query: HostsQuery) {
  return pageHosts(await findPipeline(slug), {}, query);
}

/**
 * GET /api/releases/:id/steps/:stepId/hosts: the hosts a step covers, as they
 * are now, problems first, cursor paged (a release's page names a batch's
 * hosts a page at a time, never 10,000 at once).
 */
export async function listStepHosts(releaseId: number, stepId: number, query: HostsQuery) {
  const step = await db.releaseStep.findFirst({
    where: { id: stepId, releaseId },
    select: { release: { select: { pipeline: { select: { id: true, target: true } } } } },
  });
  if (!step) throw notFound(`release ${releaseId} has no step ${stepId}`);
  return pageHosts(step.release.pipeline, { step: stepId }, query);
}
