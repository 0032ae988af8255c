import { apiRoute } from "@/lib/api/handler";
import { pipelineBadge } from "@/lib/badges/badge";
import { loadConfig } from "@/lib/config";

async function badge({ request, params }: { request: Request; params: Record<string, string> }) {
  const { svg, etag } = await pipelineBadge(params.slug!);
  // Image proxies (e.g. GitHub's) revalidate on every view and get a 304 while nothing changed.
  const headers = { ETag: etag, "Cache-Control": "no-cache", "Content-Type": "image/svg+xml; charset=utf-8" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(svg, { headers });
}

const publicBadge = apiRoute({ role: "anyone" }, badge);
const viewerBadge = apiRoute({ role: "viewer" }, badge);

export const GET = (request: Request, context: { params: Promise<Record<string, string>> }) =>
  (loadConfig().publicBadges ? publicBadge : viewerBadge)(request, context);
