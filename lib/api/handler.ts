import { z } from "zod";
import { identify } from "../auth/identity";
import { hasRole, type Identity, type Role } from "../auth/roles";
import { AppError, forbidden, unauthorized } from "../errors";
import { readJsonText } from "./body";
import { errorResponse } from "./errors";

type RouteContext = { params: Promise<Record<string, string>> };

type Input<B extends z.ZodType, Q extends z.ZodType> = {
  request: Request;
  params: Record<string, string>;
  identity: Identity;
  body: z.infer<B>;
  query: z.infer<Q>;
};

type Options<B extends z.ZodType, Q extends z.ZodType> = {
  /** The least role allowed; "anyone" skips identification. */
  role: Role | "anyone";
  body?: B;
  query?: Q;
  /** Status of a successful answer (default 200). */
  status?: number;
};

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readJsonText(request);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write that relies on the browser's session cookie must come from this
 * origin: browsers always send Origin on cross-site and same-site POSTs, so a
 * foreign or missing Origin is refused (CSRF). Bearer-token calls carry no
 * ambient credential and are exempt.
 */
function checkSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method) || request.headers.has("authorization")) return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) throw forbidden("cross-site request refused: send it from the Shipboard page or with a bearer token");
}

/**
 * Every API route: identify the caller, check the role, parse the body and
 * query with zod, run one function, answer JSON — errors through one mapper.
 */
export function apiRoute<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  options: Options<B, Q>,
  run: (input: Input<B, Q>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      let identity: Identity = { actor: "anonymous", role: "viewer" };
      if (options.role !== "anyone") {
        const found = await identify(request);
        if (!found) throw unauthorized("sign in or send Authorization: Bearer <token>");
        checkSameOrigin(request);
        if (!hasRole(found, options.role)) throw forbidden(`this needs the ${options.role} role; you are ${found.role}`);
        identity = found;
      }
      const params = (await context?.params) ?? {};
      const body = options.body ? options.body.parse(await readJsonBody(request)) : undefined;
      const query = options.query
        ? options.query.parse(Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      const result = await run({ request, params, identity, body, query } as Input<B, Q>);
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true }, { status: options.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
