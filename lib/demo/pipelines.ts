import { simulatedHostNames } from "@/lib/pipelines/hosts";

/** One demo application: its pipeline settings and the shape of its history. */
export type DemoPipeline = {
  slug: string;
  name: string;
  repository: string;
  hosts: number;
  /** Simulated restart time: a live demo rollout of 4 batches takes a couple of minutes. */
  restartSeconds: number;
  provider: "buildkite" | "github";
  /** CI numbers are years old before Shipboard arrives. */
  firstBuildNumber: number;
  /** Succeeded deploys per UTC day, [min, max]. */
  weekdayDeploys: readonly [number, number];
  weekendDeploys: readonly [number, number];
  /** Median deploy duration; the log-normal tail puts P75 near 1.35× this. */
  deployMedianMinutes: number;
  /** Tests in the suite the "Test suite rerun" check reruns. */
  tests: number;
  /** A manual lock left on at the end of the history, so the dashboard shows one. */
  finalLock?: { by: string; reason: string };
};

export const DEMO_PIPELINES: readonly DemoPipeline[] = [
  {
    slug: "web", name: "Web", repository: "acme/web", hosts: 240, restartSeconds: 30, provider: "buildkite",
    firstBuildNumber: 48_210, weekdayDeploys: [22, 36], weekendDeploys: [4, 10], deployMedianMinutes: 8.4, tests: 112_400,
  },
  {
    slug: "api", name: "API", repository: "acme/api", hosts: 120, restartSeconds: 25, provider: "buildkite",
    firstBuildNumber: 31_877, weekdayDeploys: [22, 36], weekendDeploys: [3, 9], deployMedianMinutes: 8.0, tests: 64_900,
  },
  {
    slug: "frontend", name: "Frontend", repository: "acme/frontend", hosts: 60, restartSeconds: 35, provider: "github",
    firstBuildNumber: 9_402, weekdayDeploys: [8, 14], weekendDeploys: [1, 4], deployMedianMinutes: 7.6, tests: 23_100,
  },
  {
    slug: "jobs", name: "Jobs", repository: "acme/jobs", hosts: 24, restartSeconds: 45, provider: "buildkite",
    firstBuildNumber: 6_120, weekdayDeploys: [4, 8], weekendDeploys: [0, 2], deployMedianMinutes: 7.2, tests: 9_800,
    finalLock: { by: "maria.garcia", reason: "Holding deploys during the database migration" },
  },
];

export const DEMO_SLUGS = DEMO_PIPELINES.map((pipeline) => pipeline.slug);

/** Demo builds carry this externalId prefix: how the live feed tells the demo fleet from real pipelines. */
export const DEMO_BUILD_PREFIX = "demo-";

export const BATCH_PERCENT = 25;
export const STEP_TIMEOUT_SECONDS = 600;

export function demoTarget(pipeline: DemoPipeline) {
  return {
    kind: "simulated",
    hosts: pipeline.hosts,
    restartSeconds: pipeline.restartSeconds,
    failPercent: 0,
    stepTimeoutSeconds: STEP_TIMEOUT_SECONDS,
  } as const;
}

export const demoHostNames = (pipeline: DemoPipeline): string[] => simulatedHostNames(pipeline.slug, pipeline.hosts);

/** How a demo build names itself to its CI provider. */
export function buildIdentity(pipeline: DemoPipeline, number: number) {
  const url =
    pipeline.provider === "buildkite"
      ? `https://buildkite.com/${pipeline.repository}/builds/${number}`
      : `https://github.com/${pipeline.repository}/actions/runs/${12_400_000_000 + number * 97}`;
  return { provider: pipeline.provider, externalId: `${DEMO_BUILD_PREFIX}${pipeline.slug}-${number}`, number, url };
}
