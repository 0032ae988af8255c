// Shared set-up of the engine's database tests (and the worker's crash test).
import { db } from "../db";
import type { BuildState } from "./decide/facts";
import { tick } from "./tick";

export type FleetOptions = {
  hosts?: number;
  restartSeconds?: number;
  failPercent?: number;
  stepTimeoutSeconds?: number;
  checkSeconds?: number;
  batchPercent?: number;
  autoDeploy?: boolean;
  autoRollback?: boolean;
};

/** A pipeline on branch main with a simulated fleet of `hosts` rows named web-001… */
export async function createPipeline(slug: string, options: FleetOptions = {}) {
  const { hosts = 8, restartSeconds = 10, failPercent = 0, stepTimeoutSeconds = 600, checkSeconds } = options;
  const pipeline = await db.pipeline.create({
    data: {
      slug, name: slug, repository: `acme/${slug}`,
      batchPercent: options.batchPercent ?? 25, autoDeploy: options.autoDeploy ?? true, autoRollback: options.autoRollback ?? false,
      target: { kind: "simulated", hosts, restartSeconds, failPercent, stepTimeoutSeconds, ...(checkSeconds === undefined ? {} : { checkSeconds }) },
    },
  });
  await db.host.createMany({
    data: Array.from({ length: hosts }, (_, i) => ({ pipelineId: pipeline.id, name: `web-${String(i + 1).padStart(3, "0")}` })),
  });
  return pipeline;
}

/** Build `number` of the pipeline, created `number` minutes after a fixed day so numbers order them. */
export function addBuild(pipelineId: number, number: number, options: { state?: BuildState; branch?: string } = {}) {
  return db.build.create({
    data: {
      pipelineId, provider: "generic", externalId: `b${number}`, number, commitSha: `${number}`.padStart(40, "c"),
      branch: options.branch ?? "main", state: options.state ?? "passed", createdAt: new Date(Date.UTC(2026, 0, 1, 0, number)),
    },
  });
}

/** Simulated time for tick({now}): starts at the real clock (user actions use it) and only moves forward. */
export function simulatedClock() {
  let now = Date.now();
  return {
    now: () => new Date(now),
    advance: (seconds: number) => new Date((now += seconds * 1000)),
  };
}

/**
 * Ticks with simulated time moving `stepSeconds` at a time until `done` holds; fails
 * after `maxTicks`, or when the tick reports an error on the pipeline under test.
 */
export async function tickUntil(
  clock: ReturnType<typeof simulatedClock>,
  pipelineId: number,
  done: () => Promise<boolean>,
  { stepSeconds = 5, maxTicks = 200 } = {},
) {
  for (let ticks = 0; ticks < maxTicks; ticks++) {
    if (await done()) return;
    const summary = await tick({ now: clock.advance(stepSeconds) });
    const errors = summary.errors.filter((error) => error.pipelineId === pipelineId);
    if (errors.length > 0) throw new Error(`tick errors: ${JSON.stringify(errors)}`);
  }
  throw new Error(`condition not reached after ${maxTicks} ticks`);
}

export async function releaseState(id: number) {
  return (await db.release.findUniqueOrThrow({ where: { id }, select: { state: true } })).state;
}

export function activeReleases(pipelineId: number) {
  return db.release.findMany({ where: { pipelineId, state: { in: ["pending", "running"] } } });
}

export function auditOf(pipelineId: number) {
  return db.auditEvent.findMany({ where: { pipelineId }, orderBy: { id: "asc" } });
}
