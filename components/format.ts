/** How the dashboard writes numbers, times and ids for people. Pure, so server and browser agree. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number) => String(value).padStart(2, "0");

/** "11m 42s", "45s", "2h 05m", "3d 4h"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 0) ms = 0;
  if (ms < SECOND) return ms === 0 ? "0s" : "<1s";
  const seconds = Math.round(ms / SECOND);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1440) return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
  const hours = Math.round(ms / HOUR);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

// A few seconds either way is clock skew between CI, server and browser, not a prediction.
const SKEW_MS = 10 * SECOND;

/** "45s", "12 min", "3 h", "1 day", "2 days": a span as people round it. */
function roughSpan(ms: number): string {
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  return days === 1 ? "1 day" : `${days} days`;
}

/** "just now", "45s ago", "12 min ago", "3 h ago", "2 days ago", or "in 4 min" for the future. */
export function formatRelative(iso: string, now: number): string {
  const diff = now - Date.parse(iso);
  if (Math.abs(diff) < SKEW_MS) return "just now";
  return diff < 0 ? `in ${roughSpan(-diff)}` : `${roughSpan(diff)} ago`;
}

/**
 * An estimate of when something happens: "in about 4 min", "any moment now",
 * or, once it has passed without happening, "overdue (expected 3 min ago)".
 */
export function formatExpected(iso: string, now: number): string {
  const ahead = Date.parse(iso) - now;
  if (Math.abs(ahead) < SKEW_MS) return "any moment now";
  return ahead > 0 ? `in about ${roughSpan(ahead)}` : `overdue (expected ${roughSpan(-ahead)} ago)`;
}

/**
 * "2026-11-25 09:04:12 CET": an exact time in the viewer's zone, named. The
 * server renders UTC (it cannot know the zone); the browser re-renders in its own.
 */
export function formatAbsolute(iso: string, timeZone = "UTC"): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
      hourCycle: "h23", timeZoneName: "short",
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

/** The instant the viewer's day began (local midnight in `timeZone`), for "today" counts. */
export function startOfDay(now: number, timeZone: string): Date {
  const local = formatAbsolute(new Date(now).toISOString(), timeZone);
  const [hours, minutes, seconds] = local.slice(11, 19).split(":").map(Number) as [number, number, number];
  // Exact except on a day whose midnight a DST change skipped, where it lands within that hour.
  return new Date(Math.floor(now / 1000) * 1000 - ((hours * 60 + minutes) * 60 + seconds) * 1000);
}

/** The commit's page on the repository's host: GitLab for GitLab builds (its own host when the CI link shows one), else GitHub. */
export function commitUrl(repository: string, sha: string, build?: { provider: string; url: string | null }): string | null {
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(repository) || !/^[0-9a-f]{7,64}$/i.test(sha)) return null;
  if (build?.provider === "gitlab") {
    const origin = build.url && /^https:\/\//.test(build.url) ? new URL(build.url).origin : "https://gitlab.com";
    return `${origin}/${repository}/-/commit/${sha}`;
  }
  return `https://github.com/${repository}/commit/${sha}`;
}

/** The first 7 characters of a commit sha, the length people recognise. */
export const shortSha = (sha: string) => sha.slice(0, 7);

/** 0.125 → "12.5%", 0 → "0%", null → "—". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return "—";
  const percent = ratio * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/** 4.25 → "4.3", 12 → "12": a rate with at most one decimal. */
export function formatRate(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "1 host", "3 hosts". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "#42" for a numbered build, else its short sha: how builds are named in buttons and dialogs. */
export const buildName = (build: { number: number | null; commitSha: string }) =>
  build.number === null ? shortSha(build.commitSha) : `#${build.number}`;

/** How long something took, or has taken so far while it runs; null before it started. */
export function elapsedMs(startedAt: string | null, finishedAt: string | null, now: number): number | null {
  if (!startedAt) return null;
  return (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt);
}

const kindWord = { deploy: "Deploy", promote: "Promote", rollback: "Rollback" } as const;

/** "Rollback #12": a release named by what it did and its number on the pipeline. */
export const releaseName = (release: { kind: keyof typeof kindWord; number: number }) => `${kindWord[release.kind]} #${release.number}`;
