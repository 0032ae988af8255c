import { errorResponse } from "@/lib/api/errors";
import { notFound } from "@/lib/errors";

/** Any /api path that is no route (e.g. /api/pipelines/%2e%2e, which normalises to /api): JSON, never Next's HTML 404 page. */
function noRoute(request: Request): Response {
  return errorResponse(notFound(`no API route ${request.method} ${new URL(request.url).pathname}`));
}

export { noRoute as GET, noRoute as POST, noRoute as PUT, noRoute as PATCH, noRoute as DELETE, noRoute as HEAD, noRoute as OPTIONS };
