import type http from "node:http";
import { errorBody } from "../lib/api/errors";
import { checkRawUrl } from "../lib/api/text";
import { AppError } from "../lib/errors";
import { sendJson } from "./http";

// Host headers already accepted: every request carries one, nearly always the same few.
const acceptedHosts = new Set<string>();

/** A Host header a URL can carry: a hostname or address and an optional port, nothing else. */
function validHost(host: string): boolean {
  if (acceptedHosts.has(host)) return true;
  let valid: boolean;
  try {
    valid = new URL(`http://${host}`).host === host.toLowerCase().replace(/:80$/, "");
  } catch {
    valid = false;
  }
  if (valid && acceptedHosts.size < 100) acceptedHosts.add(host);
  return valid;
}

// The body may be unread: close rather than reuse a connection in an unknown state.
const refuse = (res: http.ServerResponse, message: string, field: string) => sendJson(res, 400, errorBody("bad_request", message, field), { close: true });

/**
 * Runs first, before the fast paths and Next.js: a malformed Host header, or
 * an /api URL with invalid percent-encoding, overlong UTF-8, NUL or a lone
 * surrogate, is a 400 JSON answer (Next.js would answer 500 decoding it).
 */
export function inputGuard(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const host = req.headers.host;
  if (host !== undefined && !validHost(host)) {
    refuse(res, "the Host header is malformed", "host");
    return true;
  }
  const url = req.url ?? "/";
  if (!url.startsWith("/api")) return false;
  try {
    checkRawUrl(`http://localhost${url}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(res, error.message, error.field ?? "path");
    return true;
  }
  return false;
}
