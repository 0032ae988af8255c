import { beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { withOwnDatabase } from "@/test/own-database";
import { feedDemoBuilds } from "./feed";
import { DEMO_SLUGS } from "./pipelines";
import { seedDemo } from "./seed";
import { DEMO_SEED_NOW } from "./test-clock";
import { HOUR, MINUTE, SECOND, sqlTimestamp } from "./time";

type FedBuild = { slug: string; number: number; state: string; started: boolean; finished: boolean; externalId: string };

// Builds the feed wrote: demo builds created after the seeded history ended.
async function fedBuilds(): Promise<FedBuild[]> {
  const { rows } = await pool().query<FedBuild>(
    `SELECT p.slug, b.number, b.state, b."startedAt" IS NOT NULL AS started, b."finishedAt" IS NOT NULL AS finished, b."externalId"
     FROM "Build" b JOIN "Pipeline" p ON p.id = b."pipelineId"
     WHERE p.slug = ANY($1) AND b."createdAt" >= $2::timestamp ORDER BY p.slug, b.number`,
    [DEMO_SLUGS, sqlTimestamp(START.getTime())],
  );
  return rows;
}

async function buildCount(slug: string): Promise<number> {
  return db.build.count({ where: { pipeline: { slug } } });
}

// The seeded history ends at DEMO_SEED_NOW; the demo comes back to life an hour later.
const START = new Date(DEMO_SEED_NOW.getTime() + HOUR);
const feedAt = (ms: number) => feedDemoBuilds(new Date(START.getTime() + ms));

// The demo's pipelines have fixed names: fed where no other file's tick can move them.
withOwnDatabase();

beforeAll(async () => {
  await seedDemo({ now: DEMO_SEED_NOW });
  // Not a demo pipeline, though its build looks like one: the feed must leave it alone.
  const other = await db.pipeline.create({
    data: { slug: "feed-test-other", name: "Other", repository: "acme/other", autoDeploy: false, target: { kind: "simulated", hosts: 1, restartSeconds: 1 } },
  });
  await db.build.create({
    data: { pipelineId: other.id, provider: "buildkite", externalId: "demo-other-1", number: 1, commitSha: "a".repeat(40), branch: "main", state: "passed", createdAt: START },
  });
}, 120_000);

const PHASE: Record<string, number> = { scheduled: 0, running: 1, passed: 2, failed: 2 };

describe("feedDemoBuilds", () => {
  it("over 30 minutes gives each demo pipeline new builds that go scheduled → running → passed or failed, and touches nothing else", async () => {
    let changed = 0;
    const seen = new Map<string, string[]>();
    for (let at = 0; at <= 30 * MINUTE; at += 5 * SECOND) {
      changed += await feedAt(at);
      for (const build of await fedBuilds()) {
        const states = seen.get(build.externalId) ?? [];
        if (states.at(-1) !== build.state) seen.set(build.externalId, [...states, build.state]);
      }
    }

    const builds = await fedBuilds();
    expect(new Set(builds.map((b) => b.slug))).toEqual(new Set(DEMO_SLUGS));
    expect(changed).toBeGreaterThanOrEqual(builds.length);
    for (const slug of DEMO_SLUGS) {
      const own = builds.filter((b) => b.slug === slug);
      expect(own.length, slug).toBeGreaterThanOrEqual(4);
      expect(own.length, slug).toBeLessThanOrEqual(11);
      // Consecutive numbers: one build at a time, each the next CI number.
      expect(own.map((b) => b.number - own[0]!.number)).toEqual(own.map((_, i) => i));
      for (const build of own.slice(0, -1)) {
        expect(build).toMatchObject({ started: true, finished: true, externalId: `demo-${slug}-${build.number}` });
        expect(["passed", "failed"]).toContain(build.state);
      }
    }
    // States only ever move forward, and builds are seen in every phase.
    const histories = [...seen.values()];
    for (const states of histories) expect(states.map((state) => PHASE[state])).toEqual(states.map((state) => PHASE[state]).sort());
    expect(histories.some((states) => states.length === 3)).toBe(true);
    expect(builds.filter((b) => b.state === "passed").length).toBeGreaterThan(builds.filter((b) => b.state === "failed").length);
    expect(await buildCount("feed-test-other")).toBe(1);
  });

  it("creates nothing more when called again with the same now, even by two workers at once", async () => {
    const at = 45 * MINUTE;
    const [first, second] = await Promise.all([feedAt(at), feedAt(at)]);
    const builds = await fedBuilds();
    expect(first + second).toBeGreaterThan(0);
    expect(await feedAt(at)).toBe(0);
    expect(await fedBuilds()).toEqual(builds);
    const numbers = builds.map((b) => b.externalId);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
