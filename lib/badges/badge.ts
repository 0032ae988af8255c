// A pipeline's status badge for READMEs and wikis: one word a person reads from afar.
import { createHash } from "node:crypto";
import { db } from "../db";
import { notFound } from "../errors";

export type BadgeState = "live" | "deploying" | "locked" | "rolled-back" | "failed" | "no-release";

const colors: Record<BadgeState, string> = {
  live: "#2e9e5b",
  deploying: "#0b84c6",
  locked: "#c98a00",
  "rolled-back": "#7c4ddb",
  failed: "#cf2e2e",
  "no-release": "#6e6e6e",
};

type Facts = {
  locked: boolean;
  lockKind: "manual" | "rollback" | "emergency" | null;
  active: { number: number } | null;
  current: { number: number } | null;
  lastFinished: { state: string } | null;
};

/** Deploying beats everything (something moves now), then a lock, then how the last release ended. */
export function badgeFor(facts: Facts): { state: BadgeState; text: string } {
  if (facts.active) return { state: "deploying", text: `deploying #${facts.active.number}` };
  if (facts.locked) return facts.lockKind === "rollback" ? { state: "rolled-back", text: "rolled back" } : { state: "locked", text: "locked" };
  if (facts.lastFinished?.state === "failed") return { state: "failed", text: "failed" };
  if (facts.current) return { state: "live", text: `live #${facts.current.number}` };
  return { state: "no-release", text: "no release" };
}

// Verdana 11px widths, roughly: wide enough for any text, never clipped.
const width = (text: string) => Math.ceil([...text].reduce((sum, c) => sum + (/[A-Zmw#]/.test(c) ? 9 : /[il.: ]/.test(c) ? 4 : 7), 0)) + 10;
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function badgeSvg(label: string, state: BadgeState, text: string): string {
  const [l, r] = [width(label), width(text)];
  const total = l + r;
  const [safeLabel, safeText] = [escapeXml(label), escapeXml(text)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${safeLabel}: ${safeText}">` +
    `<title>${safeLabel}: ${safeText}</title>` +
    `<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${l}" height="20" fill="#555"/><rect x="${l}" width="${r}" height="20" fill="${colors[state]}"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${l / 2}" y="14">${safeLabel}</text><text x="${l + r / 2}" y="14">${safeText}</text></g></svg>`;
}

/** The badge of a pipeline and its ETag (a hash of the SVG, so it changes exactly when the picture does). */
export async function pipelineBadge(slug: string): Promise<{ svg: string; etag: string }> {
  const pipeline = await db.pipeline.findUnique({
    where: { slug },
    select: { id: true, slug: true, locked: true, lockKind: true, currentRelease: { select: { number: true } } },
  });
  if (!pipeline) throw notFound(`pipeline "${slug}" does not exist`);
  const [active, lastFinished] = await Promise.all([
    db.release.findFirst({ where: { pipelineId: pipeline.id, state: { in: ["pending", "running"] } }, select: { number: true } }),
    db.release.findFirst({
      where: { pipelineId: pipeline.id, state: { in: ["succeeded", "failed"] } },
      orderBy: { number: "desc" },
      select: { state: true },
    }),
  ]);
  const { state, text } = badgeFor({ locked: pipeline.locked, lockKind: pipeline.lockKind, active, current: pipeline.currentRelease, lastFinished });
  const svg = badgeSvg(pipeline.slug, state, text);
  return { svg, etag: `"${createHash("sha1").update(svg).digest("base64url")}"` };
}
