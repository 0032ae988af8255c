// A Slack incoming-webhook message (Block Kit) a person reads at a glance:
// what happened, on which pipeline, which build and commit, who, how long, a link;
// commit authors mentioned when their change went live or was rolled back.
import { ciOrder } from "../builds/ci-order";
import { db } from "../db";
import type { EventPayload } from "./payload";

const headline: Record<string, (p: EventPayload) => string> = {
  "release.started": (p) => `▶️ ${kindWord(p)} #${p.release?.number} started`,
  "release.succeeded": (p) => (p.release?.kind === "rollback" ? `↩️ Rollback #${p.release.number} finished` : `✅ ${kindWord(p)} #${p.release?.number} is live`),
  "release.failed": (p) => `❌ ${kindWord(p)} #${p.release?.number} failed`,
  "release.canceled": (p) => `⊘ ${kindWord(p)} #${p.release?.number} canceled`,
  "release.superseded": (p) => `↷ ${kindWord(p)} #${p.release?.number} superseded by a rollback`,
  "rollback.started": (p) => `↩️ Rollback #${p.release?.number} started`,
  "pipeline.locked": () => "🔒 Locked",
  "pipeline.unlocked": () => "🔓 Unlocked",
  "release.stuck": (p) => `⚠️ ${kindWord(p)} #${p.release?.number} is stuck`,
};

function kindWord(p: EventPayload): string {
  const kind = p.release?.kind ?? "release";
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

function duration(ms: number | null | undefined): string | null {
  if (ms == null) return null;
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/** Slack's mrkdwn escapes. */
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The email in "Ada <ada@example.com>" or "ada@example.com". */
export function authorEmail(author: string | null): string | null {
  const match = author?.match(/<([^>]+@[^>]+)>/) ?? author?.match(/^\s*([^\s<>]+@[^\s<>]+)\s*$/);
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * Authors of the commits a release put live or a rollback took away: the builds
 * on the branch after the older build, up to and including the newer one.
 */
async function authorsBetween(pipelineId: number, olderReleaseId: number | null, newerBuildId: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ author: string | null }[]>`
    SELECT DISTINCT b.author FROM "Build" b
      JOIN "Pipeline" p ON p.id = b."pipelineId"
      JOIN "Build" nb ON nb.id = ${newerBuildId}
      LEFT JOIN "Release" o ON o.id = ${olderReleaseId} LEFT JOIN "Build" ob ON ob.id = o."buildId"
    WHERE b."pipelineId" = ${pipelineId} AND b.branch = p.branch
      AND ${ciOrder("b")} <= ${ciOrder("nb")}
      AND (ob.id IS NULL OR ${ciOrder("b")} > ${ciOrder("ob")})
    LIMIT 50`;
  return rows.map((r) => r.author).filter((a): a is string => a !== null);
}

/** Slack member ids of the authors whose change went live (a deploy or promote succeeded) or was rolled back (a rollback started). */
export async function mentionsFor(pipelineId: number, payload: EventPayload, users: Record<string, string>): Promise<string[]> {
  const release = payload.release;
  if (!release || !payload.build || Object.keys(users).length === 0) return [];
  let authors: string[] = [];
  if (payload.type === "release.succeeded" && release.kind !== "rollback") {
    authors = await authorsBetween(pipelineId, release.replacedReleaseId, payload.build.id);
  } else if (payload.type === "rollback.started" && release.replacedReleaseId !== null) {
    // The rolled-back release's build is the newer edge; the rollback's own build the older.
    const from = await db.release.findUnique({ where: { id: release.replacedReleaseId }, select: { buildId: true } });
    if (from) authors = await authorsBetween(pipelineId, release.id, from.buildId);
  }
  const members = authors.map((a) => users[authorEmail(a) ?? ""]).filter((m): m is string => m !== undefined);
  return [...new Set(members)];
}

export function slackMessage(payload: EventPayload, mentions: string[]) {
  const title = `${(headline[payload.type] ?? (() => payload.type))(payload)} on ${payload.pipeline}`;
  const build = payload.build;
  const lines = [`*<${payload.url}|${escape(title)}>*`];
  if (build) {
    const buildName = build.number === null ? "build" : `build #${build.number}`;
    const buildText = build.url ? `<${build.url}|${buildName}>` : buildName;
    const subject = build.message ? ` ${escape(build.message.split("\n", 1)[0]!.slice(0, 120))}` : "";
    lines.push(`${buildText} \`${build.commitSha.slice(0, 7)}\`${subject}${build.author ? ` — ${escape(build.author)}` : ""}`);
  }
  const facts = [
    payload.actor ? `by ${escape(payload.actor)}` : null,
    duration(payload.release?.durationMs) ? `took ${duration(payload.release?.durationMs)}` : null,
    payload.environment,
  ].filter(Boolean);
  if (payload.reason) lines.push(`> ${escape(payload.reason.slice(0, 300))}`);
  const mentionText = mentions.length > 0 ? `${payload.type === "rollback.started" ? "Rolled back" : "Now live"}: ${mentions.map((m) => `<@${m}>`).join(" ")}` : null;
  return {
    text: `${title}${build ? ` — build ${build.number ?? build.commitSha.slice(0, 7)}` : ""}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
      { type: "context", elements: [{ type: "mrkdwn", text: facts.join(" · ") || payload.pipeline }] },
      ...(mentionText ? [{ type: "section", text: { type: "mrkdwn", text: mentionText } }] : []),
    ],
  };
}
