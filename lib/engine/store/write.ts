// The engine's writes. Callers hold the pipeline's row lock (see transaction.ts).
import type { HostChange, Lock, ReleaseKind, ReleaseTrigger } from "../decide/facts";
import type { PlannedStep } from "../decide/plan";
import type { ReleaseChange, StepChange } from "../decide/progress";
import { recordEvent } from "../../events/record";
import { onReleaseFinished } from "../finished";
import type { Tx } from "./transaction";

export type NewRelease = {
  pipelineId: number;
  buildId: number;
  kind: ReleaseKind;
  trigger: ReleaseTrigger;
  by: string | null;
  reason: string | null;
  replacedReleaseId: number | null;
  steps: PlannedStep[];
};

/** A pending release with its planned steps, numbered next in its pipeline. */
export async function createRelease(tx: Tx, release: NewRelease, now: Date): Promise<{ id: number; number: number }> {
  const [{ next }] = await tx.$queryRaw<[{ next: number }]>`
    SELECT coalesce(max(number), 0)::int + 1 AS next FROM "Release" WHERE "pipelineId" = ${release.pipelineId}`;
  const { steps, ...fields } = release;
  const created = await tx.release.create({ data: { ...fields, number: next, state: "pending", createdAt: now }, select: { id: true, number: true } });
  // One statement for all steps, every field of PlannedStep: a batch holds thousands of host
  // names, and a nested create passing them was the slowest part of a rollback's transaction
  // at 10,000 hosts (bench/agents-10k.ts: first batch told p99 878–929 ms before, 714 ms after).
  if (steps.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "ReleaseStep" ("releaseId", position, kind, name, state, hosts, log)
      SELECT ${created.id}, s.position, s.kind::"StepKind", s.name, s.state::"StepState",
        ARRAY(SELECT h FROM jsonb_array_elements_text(s.hosts) WITH ORDINALITY AS e(h, i) ORDER BY i), s.log
      FROM jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS s(position int, kind text, name text, state text, hosts jsonb, log text)
      ORDER BY s.position`;
  }
  return created;
}

export async function writeSteps(tx: Tx, changes: StepChange[]): Promise<void> {
  for (const { id, ...data } of changes) await tx.releaseStep.update({ where: { id }, data, select: { id: true } });
}

const FINAL = new Set(["succeeded", "failed", "canceled", "superseded"]);

/**
 * Every change of a release's state goes through here, so a finished release
 * always reaches onReleaseFinished, and every start and end is an event.
 * `reason`: why it failed or ended early.
 */
export async function writeRelease(tx: Tx, releaseId: number, change: ReleaseChange, reason: string | null = null): Promise<void> {
  const release = await tx.release.update({
    where: { id: releaseId },
    data: change,
    select: { id: true, pipelineId: true, finishedAt: true, kind: true, by: true, reason: true },
  });
  const at = change.finishedAt ?? change.startedAt ?? new Date();
  // A start is the one change to running that sets startedAt (every advance rewrites the state).
  if (change.state === "running" && change.startedAt) {
    const type = release.kind === "rollback" ? "rollback.started" : "release.started";
    await recordEvent(tx, { pipelineId: release.pipelineId, type, at, releaseId, actor: release.by, reason: release.reason });
  }
  if (FINAL.has(change.state)) {
    await recordEvent(tx, { pipelineId: release.pipelineId, type: `release.${change.state as "succeeded"}`, at, releaseId, actor: release.by, reason });
    await onReleaseFinished(tx, release);
  }
}

/** The channel that tells heartbeat servers a pipeline's desired releases changed (lib/agents/desired.ts). */
export const HOSTS_CHANNEL = "shipboard_hosts";

/**
 * Points hosts at a release: agents learn it from their next heartbeat (the
 * notification, delivered at commit, refreshes the heartbeat servers' cache),
 * simulated hosts from the tick.
 */
export async function tellHosts(tx: Tx, pipelineId: number, releaseId: number, hosts: string[], now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Host" SET "desiredReleaseId" = ${releaseId}, "desiredAt" = ${now}
    WHERE "pipelineId" = ${pipelineId} AND name = ANY(${hosts})`;
  await tx.$executeRaw`SELECT pg_notify(${HOSTS_CHANNEL}, ${String(pipelineId)})`;
}

/** Hosts a step run deployed: they run the release now, healthy (the batch's command or webhook said so). */
export async function putHostsOnRelease(tx: Tx, pipelineId: number, releaseId: number, hosts: readonly string[], now: Date): Promise<void> {
  if (hosts.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Host" SET "releaseId" = ${releaseId}, healthy = true, "lastSeenAt" = ${now}
    WHERE "pipelineId" = ${pipelineId} AND name = ANY(${hosts})`;
}

export async function writeHostChanges(tx: Tx, changes: HostChange[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Host" h SET "releaseId" = c.release, healthy = c.healthy, "lastSeenAt" = ${now}
    FROM unnest(${changes.map((c) => c.id)}::int[], ${changes.map((c) => c.releaseId)}::int[], ${changes.map((c) => c.healthy)}::bool[])
      AS c(id, release, healthy)
    WHERE h.id = c.id`;
}

export async function writeLock(tx: Tx, pipelineId: number, lock: Lock | null): Promise<void> {
  await tx.pipeline.update({
    where: { id: pipelineId },
    data: {
      locked: lock !== null,
      lockKind: lock?.kind ?? null,
      lockReason: lock?.reason ?? null,
      lockedBy: lock?.by ?? null,
      lockedAt: lock?.at ?? null,
    },
    select: { id: true },
  });
}

// The engine writes its audit rows through the one helper every writer uses.
export { audit, type AuditEntry } from "../../audit/write";
