import { ciOrder } from "../builds/ci-order";
import { db } from "../db";
import { blockersFor } from "../engine";
import type { Blocker } from "../engine/decide/continuous";
import type { ReleaseKind, ReleaseState } from "../generated/prisma/enums";

export type ReleaseRef = { id: number; number: number; kind: ReleaseKind };

/**
 * Where one build stands with the pipeline's releases, so a page can answer
 * "is my build live?" without the reader working it out:
 * - `live`: the current release ships this build;
 * - `live-via`: it never shipped itself, but its commit went live inside a
 *   later build's release (CD skips builds in between, SPEC rule 1);
 * - `deploying`, `rolled-back`, `failed-to-deploy`, `shipped` (was live, then replaced): its own last release;
 * - `waiting`: the newest passed build not live yet, with the engine's blocker;
 * - `skipped`: a passed build newer than the live one that CD will not take
 *   (a newer passed build goes instead);
 * - `building`: CI is still running on a build newer than the live one;
 * - `ci-failed`: CI failed or was canceled; `other-branch`: not the pipeline's branch; `none`: older than the live one.
 */
export type BuildDeployment = {
  status: "live" | "live-via" | "deploying" | "rolled-back" | "failed-to-deploy" | "shipped" | "waiting" | "skipped" | "building" | "ci-failed" | "other-branch" | "none";
  release: ReleaseRef | null;
  blocker: Blocker | null;
};

type Row = {
  id: number;
  pipelineId: number;
  state: string;
  onBranch: boolean;
  ownId: number | null;
  ownNumber: number | null;
  ownKind: ReleaseKind | null;
  ownState: ReleaseState | null;
  rollbackId: number | null;
  rollbackNumber: number | null;
  viaId: number | null;
  viaNumber: number | null;
  viaKind: ReleaseKind | null;
  isCurrent: boolean;
  newerThanCurrent: boolean;
  isNewestPassed: boolean;
};

const ref = (id: number | null, number: number | null, kind: ReleaseKind | null): ReleaseRef | null =>
  id === null ? null : { id, number: number!, kind: kind! };

function toDeployment(row: Row, blocker: Blocker | null): BuildDeployment {
  const none = { release: null, blocker: null };
  const own = ref(row.ownId, row.ownNumber, row.ownKind);
  if (row.isCurrent) return { status: "live", release: own, blocker: null };
  if (row.rollbackId !== null) return { status: "rolled-back", release: ref(row.rollbackId, row.rollbackNumber, "rollback"), blocker: null };
  if (own && (row.ownState === "pending" || row.ownState === "running")) return { status: "deploying", release: own, blocker: null };
  if (own && row.ownState === "failed") return { status: "failed-to-deploy", release: own, blocker: null };
  if (own && row.ownState === "succeeded") return { status: "shipped", release: own, blocker: null };
  if (row.viaId !== null) return { status: "live-via", release: ref(row.viaId, row.viaNumber, row.viaKind), blocker: null };
  if (!row.onBranch) return { status: "other-branch", ...none };
  if (!row.newerThanCurrent) return { status: "none", ...none };
  if (row.state === "scheduled" || row.state === "running") return { status: "building", ...none };
  if (row.state !== "passed") return { status: "ci-failed", ...none };
  if (!row.isNewestPassed) return { status: "skipped", ...none };
  return { status: "waiting", release: null, blocker };
}

/**
 * The deployment status of each build, by id, in one query: its own last
 * release, a rollback away from it, and the first succeeded release of a
 * build at least as new on the branch (builds in CI order: createdAt, number, id).
 */
export async function buildDeployments(buildIds: number[]): Promise<Map<number, BuildDeployment>> {
  if (buildIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Row[]>`
    SELECT b.id, b."pipelineId", b.state::text AS state, b.branch = p.branch AS "onBranch",
      own.id AS "ownId", own.number AS "ownNumber", own.kind AS "ownKind", own.state AS "ownState",
      rb.id AS "rollbackId", rb.number AS "rollbackNumber",
      via.id AS "viaId", via.number AS "viaNumber", via.kind AS "viaKind",
      COALESCE(c."buildId" = b.id, false) AS "isCurrent",
      (cb.id IS NULL OR ${ciOrder("b")} > ${ciOrder("cb")}) AS "newerThanCurrent",
      NOT EXISTS (
        SELECT 1 FROM "Build" n WHERE n."pipelineId" = b."pipelineId" AND n.branch = p.branch AND n.state = 'passed'
          AND ${ciOrder("n")} > ${ciOrder("b")}
      ) AS "isNewestPassed"
    FROM "Build" b
    JOIN "Pipeline" p ON p.id = b."pipelineId"
    LEFT JOIN "Release" c ON c.id = p."currentReleaseId"
    LEFT JOIN "Build" cb ON cb.id = c."buildId"
    LEFT JOIN LATERAL (SELECT r.* FROM "Release" r WHERE r."buildId" = b.id ORDER BY r.id DESC LIMIT 1) own ON true
    LEFT JOIN LATERAL (
      SELECT r.id, r.number FROM "Release" x JOIN "Release" r ON r."replacedReleaseId" = x.id AND r.kind = 'rollback'
      WHERE x."buildId" = b.id ORDER BY r.id DESC LIMIT 1
    ) rb ON true
    LEFT JOIN LATERAL (
      SELECT r.id, r.number, r.kind FROM "Release" r JOIN "Build" rbuild ON rbuild.id = r."buildId"
      WHERE r."pipelineId" = b."pipelineId" AND r.state = 'succeeded' AND rbuild.branch = b.branch
        AND ${ciOrder("rbuild")} > ${ciOrder("b")}
      ORDER BY r."finishedAt" ASC, r.id ASC LIMIT 1
    ) via ON true
    WHERE b.id = ANY(${buildIds})`;
  const waiting = rows.filter((row) => row.onBranch && row.isNewestPassed && row.newerThanCurrent && row.state === "passed");
  const blockers = waiting.length ? await blockersFor([...new Set(waiting.map((row) => row.pipelineId))]) : new Map<number, Blocker | null>();
  return new Map(rows.map((row) => [row.id, toDeployment(row, blockers.get(row.pipelineId) ?? null)]));
}
