import { describe, expect, it } from "vitest";
import { decideDeployment } from "./continuous";
import { at, build, candidate, deploymentFacts } from "./test-fixtures";
import type { CommitUpstream, UpstreamFacts } from "./upstream";

/** Staging, where build 11's commit stands as given. */
const staging = (overrides: Partial<CommitUpstream & Omit<UpstreamFacts, "byCommit">> = {}): UpstreamFacts => {
  const { liveSince = null, rolledBackIn = null, slug = "staging", bakeMinutes = 60, liveHereRolledBackIn = null } = overrides;
  return { slug, bakeMinutes, liveHereRolledBackIn, byCommit: { [candidate(11).commitSha]: { liveSince, rolledBackIn } } };
};
const decide = (upstream: UpstreamFacts, seconds: number, current: number | null = null) =>
  decideDeployment(deploymentFacts({ builds: [candidate(11)], upstream, current: current === null ? null : { number: 1, build: build(current) } }), at(seconds));

describe("environment chains", () => {
  it("wait for the commit to go live upstream", () => {
    expect(decide(staging(), 0)).toEqual({
      deploy: null, blocker: { code: "waiting-for-upstream", message: "Build #11 waits for sha1100 to go live on staging" },
    });
  });

  it("bake the commit upstream for bakeMinutes from going live there, with `until` the end of the bake", () => {
    const baking = decide(staging({ liveSince: at(600) }), 600 + 59 * 60);
    expect(baking).toEqual({
      deploy: null,
      blocker: { code: "baking", message: "Build #11 (sha1100) is baking on staging: 60 min from going live there", until: at(600 + 3600) },
    });
    expect(decide(staging({ liveSince: at(600) }), 600 + 3600).deploy?.id).toBe(11);
  });

  it("never deploy a commit rolled back from upstream, during the bake or after it", () => {
    for (const seconds of [60, 99_999]) {
      const decision = decide(staging({ liveSince: at(0), rolledBackIn: 8 }), seconds);
      expect(decision.deploy).toBeNull();
      expect(decision.blocker).toMatchObject({ code: "waiting-for-upstream", message: expect.stringContaining("was rolled back on staging in release #8") });
    }
  });

  it("say in the next build's blocker that the commit live here was rolled back upstream since (without undoing it)", () => {
    const decision = decide(staging({ liveHereRolledBackIn: 9 }), 0, 10);
    expect(decision.blocker?.message).toBe("Build #11 waits for sha1100 to go live on staging (note: sha1000, live here, was rolled back on staging in release #9)");
  });

  it("with no bake time, deploy as soon as the commit is live upstream", () => {
    expect(decide(staging({ bakeMinutes: 0, liveSince: at(0) }), 0).deploy?.id).toBe(11);
  });
});
