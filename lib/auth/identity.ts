import type { Identity } from "./roles";
import { currentIdentity } from "./session";
import { identifyToken } from "./tokens";

/** Who is calling: `Authorization: Bearer <token>`, else the browser's session cookie. */
export async function identify(request: Request): Promise<Identity | null> {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (match) return identifyToken(match[1]!);
  if (header) return null;
  return currentIdentity();
}
