import { AREAS, COMMIT_TEMPLATES, DEPENDENCIES, PEOPLE } from "./corpus";
import type { Random } from "./random";
import { clamp, HOUR, MINUTE } from "./time";

export type Commit = { sha: string; message: string; author: string; committedAt: number };

function commitMessage(rng: Random): string {
  const area = rng.pick(AREAS);
  const [dep, from] = rng.pick(DEPENDENCIES);
  const [major, minor] = from.split(".");
  return rng
    .pick(COMMIT_TEMPLATES)
    .replaceAll("{area}", area)
    .replaceAll("{Area}", area.charAt(0).toUpperCase() + area.slice(1))
    .replaceAll("{n}", String(rng.int(1200, 9800)))
    .replaceAll("{dep}", dep)
    .replaceAll("{from}", from)
    .replaceAll("{to}", `${major}.${Number(minor) + 1}`);
}

/**
 * A commit pushed a few minutes to a few hours before CI picked it up at
 * `buildCreatedAt` (lead time starts at the commit). `message` overrides the
 * drawn one, e.g. for a revert.
 */
export function fakeCommit(rng: Random, buildCreatedAt: number, message?: string): Commit {
  return {
    sha: rng.hex(40),
    message: message ?? commitMessage(rng),
    author: rng.pick(PEOPLE).name,
    committedAt: buildCreatedAt - clamp(rng.lognormal(25 * MINUTE, 1), 2 * MINUTE, 8 * HOUR),
  };
}
