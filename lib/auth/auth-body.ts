import { readCapped } from "../api/body";
import { AppError, badRequest } from "../errors";

/** Sign-in, sign-out and CSRF forms are tiny: anything bigger is refused before it is read. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * The one parse of a `/api/auth/*` POST body (form-encoded, as next-auth's
 * client sends it): at most 16 KB, each field once. The rate limiter and
 * next-auth then read the same fields, so neither can be fooled by a second
 * `email=`.
 */
export async function readAuthForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the form as application/x-www-form-urlencoded");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_AUTH_BODY_BYTES) throw new AppError("payload_too_large", "the body is over 16 KB");
  const form = new URLSearchParams(await readCapped(request, MAX_AUTH_BODY_BYTES));
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) throw badRequest(`the field ${key} appears more than once`, key);
    seen.add(key);
  }
  return form;
}
