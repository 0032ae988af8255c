import { ciOrder, ciOrderOf } from "../builds/ci-order";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { blockersFor } from "../engine";
import { badRequest, conflict, notFound } from "../errors";
import type { Build, Pipeline } from "../generated/prisma/client";
import { commitBuild, commitJourney, type CommitState } from "./commit-journey";
import { recentP75Ms } from "./releases";
import { buildShape, releaseShape, type Blocker } from "./shapes";

export const SHA_PREFIX = /^[0-9a-f]{7,40}$/;

// A commit's story is told by the releases right after it; this many is months of history on a busy pipeline.
const RELEASES_AFTER = 200;
// Builds of one commit across pipelines and workflows; more means the prefix is far too short.
const BUILDS_PER_COMMIT = 500;

/** P75 duration of the pipeline's last 50 passed builds (how long CI usually takes). */
async function recentBuildP75Ms(pipelineId: number): Promise<number | null> {
  const rows = await db.$queryRaw<{ p75: number | null }[]>`
    SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY ms) AS p75 FROM (
      SELECT EXTRACT(EPOCH FROM ("finishedAt" - COALESCE("startedAt", "createdAt"))) * 1000 AS ms FROM "Build"
      WHERE "pipelineId" = ${pipelineId} AND state = 'passed' AND "finishedAt" IS NOT NULL
      ORDER BY "createdAt" DESC LIMIT 50) recent`;
  const p75 = rows[0]?.p75;
  return p75 == null ? null : Math.round(Number(p75));
}

/** Hosts running a release whose build is the commit's or newer (so they run the change), and all hosts. */
async function hostsWith(pipelineId: number, own: Build): Promise<{ on: number; total: number }> {
  const [row] = await db.$queryRaw<{ on: bigint; total: bigint }[]>`
    SELECT count(*) FILTER (WHERE ${ciOrder("b")} >= ${ciOrderOf(own)}) AS on,
           count(*) AS total
    FROM "Host" h LEFT JOIN "Release" r ON r.id = h."releaseId" LEFT JOIN "Build" b ON b.id = r."buildId"
    WHERE h."pipelineId" = ${pipelineId}`;
  return { on: Number(row?.on ?? 0), total: Number(row?.total ?? 0) };
}

/** Releases from the first one whose build is the commit's or newer, oldest first, plus the active one. */
async function releasesFrom(pipeline: Pipeline, own: Build) {
  const [first] = await db.$queryRaw<{ number: number | null }[]>`
    SELECT min(r.number) AS number FROM "Release" r JOIN "Build" b ON b.id = r."buildId"
    WHERE r."pipelineId" = ${pipeline.id}
      AND ${ciOrder("b")} >= ${ciOrderOf(own)}`;
  if (first?.number == null) return [];
  const include = { build: true, steps: true } as const;
  const [releases, active] = await Promise.all([
    db.release.findMany({ where: { pipelineId: pipeline.id, number: { gte: first.number } }, orderBy: { number: "asc" }, take: RELEASES_AFTER, include }),
    db.release.findFirst({ where: { pipelineId: pipeline.id, state: { in: ["pending", "running"] } }, include }),
  ]);
  const current = pipeline.currentReleaseId;
  const missing = [active?.id, current].filter((id): id is number => id != null && !releases.some((r) => r.id === id));
  if (missing.length === 0) return releases;
  const more = await db.release.findMany({ where: { id: { in: missing } }, include });
  return [...releases, ...more].sort((a, b) => a.number - b.number);
}

const at = (ms: number | null, from: number) => (ms === null ? null : new Date(from + ms).toISOString());

/** When the commit should be live: P75s of recent releases of the kind (and of builds while CI runs). */
async function estimate(pipelineId: number, state: CommitState, blocker: Blocker | null, own: Build, finishOfActive: string | null, now: Date) {
  if (state === "deploying") return finishOfActive;
  if (state === "building") {
    const [buildMs, deployMs] = await Promise.all([recentBuildP75Ms(pipelineId), recentP75Ms(pipelineId, "deploy")]);
    if (buildMs === null || deployMs === null) return null;
    return at(buildMs + deployMs, Math.max(now.getTime(), (own.startedAt ?? own.createdAt).getTime()));
  }
  if (state !== "waiting" || blocker === null) return null;
  const deployMs = await recentP75Ms(pipelineId, "deploy");
  if (blocker.code === "waiting-for-tick") return at(deployMs, now.getTime());
  if (blocker.code === "release-active" && finishOfActive) return at(deployMs, Math.max(now.getTime(), Date.parse(finishOfActive)));
  return null; // held by a person (lock, rollback, auto-deploy off) or by a failure: no honest estimate
}

async function pipelineJourney(pipeline: Pipeline, builds: Build[], sha: string, blocker: Blocker | null, now: Date) {
  const own = commitBuild(builds);
  const releases = await releasesFrom(pipeline, own);
  const journey = commitJourney({ builds, releases, currentReleaseId: pipeline.currentReleaseId, sha });
  const activeRow = releases.find((r) => r.state === "pending" || r.state === "running") ?? null;
  const [hosts, activeP75] = await Promise.all([
    hostsWith(pipeline.id, own),
    activeRow ? recentP75Ms(pipeline.id, activeRow.kind) : null,
  ]);
  const activeView = activeRow ? releaseShape(activeRow, activeP75) : null;
  const release = journey.release === null ? null : journey.release.id === activeRow?.id ? activeView : releaseShape(journey.release);
  const waiting = journey.state === "waiting";
  const batch = journey.state === "deploying" ? (activeView?.steps.find((s) => s.state === "running")?.name ?? null) : null;
  const rolledBackBy = journey.rolledBackBy;
  return {
    slug: pipeline.slug,
    name: pipeline.name,
    build: buildShape(own),
    // Steps (hosts, logs) are the release page's; here the running batch says enough.
    release: release && { ...release, steps: undefined },
    state: journey.state,
    blocker: waiting ? blocker : null,
    hostsOn: hosts.on,
    hostsTotal: hosts.total,
    batch,
    estimatedLiveAt: await estimate(pipeline.id, journey.state, waiting ? blocker : null, own, activeView?.estimatedFinishAt ?? null, now),
    liveAt: journey.state === "live" || journey.state === "superseded" ? (release?.finishedAt ?? null) : null,
    rolledBack: rolledBackBy && {
      releaseId: rolledBackBy.id,
      number: rolledBackBy.number,
      by: rolledBackBy.by,
      reason: rolledBackBy.reason,
      at: (rolledBackBy.startedAt ?? rolledBackBy.createdAt).toISOString(),
      fromReleaseId: rolledBackBy.replacedReleaseId,
    },
  };
}

export type CommitPipelineView = Awaited<ReturnType<typeof pipelineJourney>>;
export type CommitView = { sha: string; message: string | null; author: string | null; pipelines: CommitPipelineView[] };

/** The journey of one full sha through every pipeline whose branch carried it. */
async function journeyOf(sha: string, builds: (Build & { pipeline: Pipeline })[], now: Date): Promise<CommitView> {
  const byPipeline = new Map<number, { pipeline: Pipeline; builds: Build[] }>();
  for (const build of builds) {
    if (build.branch !== build.pipeline.branch) continue;
    const entry = byPipeline.get(build.pipelineId) ?? { pipeline: build.pipeline, builds: [] };
    entry.builds.push(build);
    byPipeline.set(build.pipelineId, entry);
  }
  const blockers = await blockersFor([...byPipeline.keys()], now);
  const pipelines = await Promise.all(
    [...byPipeline.values()].map(({ pipeline, builds: own }) => pipelineJourney(pipeline, own, sha, blockers.get(pipeline.id) ?? null, now)),
  );
  const newest = commitBuild(builds);
  return {
    sha,
    message: newest.message,
    author: newest.author,
    pipelines: pipelines.sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}

/** SPEC `GET /api/commits/:sha`: any prefix of 7+ hex characters naming one commit. */
export async function getCommit(prefix: string, now: Date = new Date()): Promise<CommitView> {
  const wanted = prefix.toLowerCase();
  if (!SHA_PREFIX.test(wanted)) throw badRequest("a commit is named by 7 to 40 hex characters of its sha", "sha");
  const builds = await db.build.findMany({
    where: { commitSha: { startsWith: wanted } },
    include: { pipeline: true },
    take: BUILDS_PER_COMMIT,
  });
  const shas = [...new Set(builds.map((b) => b.commitSha))];
  if (shas.length === 0) throw notFound(`no build of commit ${wanted} has been recorded`);
  if (shas.length > 1) throw conflict(`${wanted} names ${shas.length} commits (${shas.slice(0, 3).map((s) => s.slice(0, 12)).join(", ")}…): give more of the sha`);
  return journeyOf(shas[0]!, builds, now);
}

// Search reads recent builds only (indexed by trigram), so it stays cheap on years of history.
const SEARCH_DAYS = 90;
const SEARCH_RESULTS = 20;

/** Commits matching a sha prefix, an author or words of the message, newest first, each with its journey. */
export async function searchCommits(query: string, now: Date = new Date()): Promise<{ items: CommitView[] }> {
  const text = query.trim();
  const since = new Date(now.getTime() - SEARCH_DAYS * 86_400_000);
  const words = text.split(/\s+/).filter(Boolean).slice(0, 8);
  const like = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = SHA_PREFIX.test(text.toLowerCase())
    ? Prisma.sql`"commitSha" LIKE ${`${text.toLowerCase()}%`}`
    : Prisma.sql`(author ILIKE ${like(text)} OR message ILIKE ALL(${words.map(like)}::text[]))`;
  const rows = await db.$queryRaw<{ commitSha: string }[]>`
    SELECT "commitSha" FROM "Build" WHERE "createdAt" >= ${since} AND ${match}
    GROUP BY "commitSha" ORDER BY max("createdAt") DESC LIMIT ${SEARCH_RESULTS}`;
  const shas = rows.map((r) => r.commitSha);
  if (shas.length === 0) return { items: [] };
  const builds = await db.build.findMany({ where: { commitSha: { in: shas } }, include: { pipeline: true } });
  const items = await Promise.all(shas.map((sha) => journeyOf(sha, builds.filter((b) => b.commitSha === sha), now)));
  return { items };
}
