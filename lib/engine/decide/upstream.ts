// Environment chains (SPEC "Guardrails"): a pipeline's CD deploys only a build
// whose commit has been live on its upstream pipeline (say staging) for
// `bakeMinutes` without being rolled back from there.
import type { Gate } from "./continuous";
import { capitalize } from "./words";

export type Upstream = { slug: string; bakeMinutes: number };

/** Where a commit stands upstream. */
export type CommitUpstream = {
  /** When it first went live there (a release of it succeeded), or null. */
  liveSince: Date | null;
  /** The number of an upstream rollback from a release of it, or null. */
  rolledBackIn: number | null;
};

export type UpstreamFacts = Upstream & {
  /** The candidate builds' commits (absent: not there at all). */
  byCommit: Record<string, CommitUpstream>;
  /** An upstream rollback from the commit live here: it does not undo this pipeline, but the next build's blocker says so. */
  liveHereRolledBackIn: number | null;
};

const short = (sha: string) => sha.slice(0, 7);

export const bakeGate: Gate = ({ facts, newest, label, now }) => {
  const upstream = facts.upstream;
  if (upstream === null) return null;
  const { slug, bakeMinutes, liveHereRolledBackIn } = upstream;
  const { liveSince, rolledBackIn } = upstream.byCommit[newest.commitSha] ?? { liveSince: null, rolledBackIn: null };
  const live = facts.current?.build.commitSha;
  const note = liveHereRolledBackIn === null || live === undefined ? "" : ` (note: ${short(live)}, live here, was rolled back on ${slug} in release #${liveHereRolledBackIn})`;
  const commit = short(newest.commitSha);
  if (rolledBackIn !== null) {
    return {
      code: "waiting-for-upstream",
      message: `${capitalize(label)} (${commit}) was rolled back on ${slug} in release #${rolledBackIn}; CD waits for a newer build (promote it to deploy anyway)${note}`,
    };
  }
  if (liveSince === null) {
    return { code: "waiting-for-upstream", message: `${capitalize(label)} waits for ${commit} to go live on ${slug}${note}` };
  }
  const until = new Date(liveSince.getTime() + bakeMinutes * 60_000);
  if (now < until) {
    return { code: "baking", message: `${capitalize(label)} (${commit}) is baking on ${slug}: ${bakeMinutes} min from going live there${note}`, until };
  }
  return null;
};
