// Ninety days of one demo pipeline, day by day: how many deploys, which fail,
// the odd rollback or manual lock, spread over the working day.
import { LOCK_REASONS, PEOPLE, ROLLBACK_REASONS, type Person } from "./corpus";
import { demoHostNames, type DemoPipeline } from "./pipelines";
import { random, type Random } from "./random";
import { deployShape, rollbackShape, type Fleet, type ReleaseShape } from "./shapes";
import { Timeline, type Incident, type PlannedAudit, type PlannedBuild, type PlannedRelease } from "./timeline";
import { DAY, HOUR, MINUTE, SECOND } from "./time";

export const HISTORY_DAYS = 90;

/** Deploys happen 06:00–22:00 UTC (Europe and the Americas); the history stops 30 min before `now`. */
const WORKDAY = { from: 6 * HOUR, to: 22 * HOUR };
const QUIET_BEFORE_NOW = 30 * MINUTE;

/** Per deploy ~5% fail; per pipeline and month two rollbacks and one or two manual locks, on weekdays. */
const FAIL_CHANCE = 0.055;
const ROLLBACKS_PER_MONTH = 2;
const LOCKS_PER_MONTH = 1.5;
/** A build that passed while the pipeline was busy (or locked) deploys on the next tick. */
const QUEUED_CHANCE = { afterRelease: 0.3, afterLock: 0.6 };

type Item =
  | { kind: "deploy"; shape: ReleaseShape }
  | { kind: "incident"; shape: ReleaseShape; incident: Incident }
  | { kind: "lock"; duration: number; by: Person; reason: string; unlockBy: Person };

type Day = { start: number; end: number; weekend: boolean; full: boolean };

export type PipelineHistory = {
  pipeline: DemoPipeline;
  hostNames: string[];
  createdAt: number;
  builds: PlannedBuild[];
  releases: PlannedRelease[];
  audits: PlannedAudit[];
  current: PlannedRelease;
  lock: { by: string; reason: string; at: number } | null;
};

function days(now: number): Day[] {
  const first = now - HISTORY_DAYS * DAY;
  const result = [];
  for (let midnight = first - (first % DAY); midnight <= now; midnight += DAY) {
    const start = Math.max(midnight + WORKDAY.from, first);
    const end = Math.min(midnight + WORKDAY.to, now - QUIET_BEFORE_NOW);
    const weekday = new Date(midnight).getUTCDay();
    if (end > start) result.push({ start, end, weekend: weekday === 0 || weekday === 6, full: end - start === WORKDAY.to - WORKDAY.from });
  }
  return result;
}

const span = (item: Item): number => {
  if (item.kind === "lock") return item.duration;
  if (item.kind === "deploy") return item.shape.total;
  const { observe, rollback, unlockAfter, tick, fix } = item.incident;
  return item.shape.total + observe + rollback.total + unlockAfter + tick + fix.total;
};

const isPlainDeploy = (item: Item) => item.kind === "deploy" && item.shape.failure === null;

function incident(rng: Random, fleet: Fleet): Incident {
  const by = rng.pick(PEOPLE);
  return {
    observe: rng.between(4, 25) * MINUTE,
    rollback: rollbackShape(rng, fleet),
    by,
    reason: rng.pick(ROLLBACK_REASONS),
    unlockAfter: rng.between(20, 100) * MINUTE,
    unlockBy: rng.chance(0.7) ? by : rng.pick(PEOPLE),
    tick: rng.between(0.3, 2) * SECOND,
    fix: deployShape(rng, fleet, false),
  };
}

function manualLock(rng: Random): Item {
  const by = rng.pick(PEOPLE);
  const unlockBy = rng.chance(0.8) ? by : rng.pick(PEOPLE);
  return { kind: "lock", duration: rng.between(25, 150) * MINUTE, by, reason: rng.pick(LOCK_REASONS), unlockBy };
}

const exponential = (rng: Random) => -Math.log(1 - rng.next());

function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The day's work in order; it always ends with a plain successful deploy, so the newest passed build is live. */
function dayItems(rng: Random, fleet: Fleet, day: Day, incidents: { rollback: boolean; lock: boolean }): Item[] {
  const [min, max] = day.weekend ? fleet.pipeline.weekendDeploys : fleet.pipeline.weekdayDeploys;
  const share = (day.end - day.start) / (WORKDAY.to - WORKDAY.from);
  const succeeded = Math.round(rng.int(min, max) * share);
  const failed = Array.from({ length: succeeded }).filter(() => rng.chance(FAIL_CHANCE)).length;
  // An incident holds two succeeded deploys (the bad one and the revert) and the day must still end on a plain one.
  const rollbacks = incidents.rollback && succeeded >= 3 ? 1 : 0;
  const locks = incidents.lock ? 1 : 0;
  const items: Item[] = [
    ...Array.from({ length: succeeded - 2 * rollbacks }, () => ({ kind: "deploy" as const, shape: deployShape(rng, fleet, false) })),
    ...Array.from({ length: failed }, () => ({ kind: "deploy" as const, shape: deployShape(rng, fleet, true) })),
    ...Array.from({ length: rollbacks }, () => ({ kind: "incident" as const, shape: deployShape(rng, fleet, false), incident: incident(rng, fleet) })),
    ...Array.from({ length: locks }, () => manualLock(rng)),
  ];
  shuffle(rng, items);
  const last = items.findLastIndex(isPlainDeploy);
  if (last >= 0) [items[last], items[items.length - 1]] = [items[items.length - 1]!, items[last]!];
  return items;
}

/**
 * When each item starts: some deploys follow the previous item on the next
 * tick (a build was waiting), the rest of the free time is split into random
 * idle gaps. Items that do not fit (a short partial day) are dropped from the front.
 */
function schedule(rng: Random, items: Item[], day: Day): { item: Item; gap: number; queued: boolean }[] {
  const planned = items.map((item, i) => {
    const previous = items[i - 1];
    const chance = previous?.kind === "lock" ? QUEUED_CHANCE.afterLock : QUEUED_CHANCE.afterRelease;
    const queued = previous !== undefined && item.kind !== "lock" && rng.chance(chance);
    return { item, queued, tick: rng.between(0.3, 2) * SECOND, weight: exponential(rng) };
  });
  const busy = () => planned.reduce((sum, p) => sum + span(p.item) + (p.queued ? p.tick : 0), 0);
  while (planned.length > 0 && busy() > day.end - day.start) {
    planned.shift();
    if (planned[0]) planned[0].queued = false;
  }
  const free = day.end - day.start - busy();
  const weights = planned.reduce((sum, p) => sum + (p.queued ? 0 : p.weight), exponential(rng));
  return planned.map(({ item, queued, tick, weight }) => ({ item, queued, gap: queued ? tick : (free * weight) / weights }));
}

export function planHistory(pipeline: DemoPipeline, now: number): PipelineHistory {
  const rng = random(`shipboard-demo:${pipeline.slug}`);
  const fleet = { pipeline, hostNames: demoHostNames(pipeline) };
  const timeline = new Timeline(rng);
  const createdAt = now - HISTORY_DAYS * DAY - rng.between(1, 5) * HOUR;
  timeline.audit(createdAt, "demo-seed", "pipeline.create");

  const calendar = days(now);
  // Incidents land on full weekdays, never the first two days (there must be a release to roll back to).
  const incidentDays = shuffle(rng, calendar.filter((day, i) => i > 1 && day.full && !day.weekend));
  const months = HISTORY_DAYS / 30;
  const rollbackDays = new Set(incidentDays.slice(0, Math.round(ROLLBACKS_PER_MONTH * months)));
  const lockDays = new Set(incidentDays.slice(rollbackDays.size, rollbackDays.size + Math.round(LOCKS_PER_MONTH * months)));

  for (const day of calendar) {
    let at = day.start;
    const incidents = { rollback: rollbackDays.has(day) && timeline.current !== null, lock: lockDays.has(day) };
    for (const { item, gap, queued } of schedule(rng, dayItems(rng, fleet, day, incidents), day)) {
      at += gap;
      if (item.kind === "lock") at = timeline.lockFor(at, item.duration, item.by, item.reason, item.unlockBy);
      else if (item.kind === "incident") at = timeline.deployAndRollBack(at, item.shape, queued, item.incident);
      else at = timeline.deploy(at, item.shape, queued).finishedAt;
    }
  }
  if (timeline.current === null) throw new Error(`demo history of ${pipeline.slug} has no succeeded release`);

  const lock = pipeline.finalLock ? { ...pipeline.finalLock, at: now - rng.between(12, 25) * MINUTE } : null;
  if (lock) timeline.audit(lock.at, lock.by, "lock", lock.reason);
  return {
    pipeline,
    hostNames: fleet.hostNames,
    createdAt,
    builds: timeline.builds.sort((a, b) => a.createdAt - b.createdAt),
    releases: timeline.releases,
    audits: timeline.audits,
    current: timeline.current,
    lock,
  };
}
