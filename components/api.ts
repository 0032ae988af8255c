/** The browser's side of SPEC "HTTP API": same-origin JSON with the session cookie. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input field at fault (400s), as the server names it: `batchPercent`, `target.url`, `windows.0.from`. */
    readonly field?: string,
  ) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `Shipboard answered ${response.status}`, error?.field);
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } }));
}

/** A write with an optional JSON body; errors become the server's message (ApiError). */
export async function sendJson<T>(method: "POST" | "PATCH" | "DELETE", path: string, bodyGiven?: unknown): Promise<T> {
  // POST and PATCH are always JSON (an empty object when there is nothing to say): the server refuses others with 415.
  const body = bodyGiven === undefined && method !== "DELETE" ? {} : bodyGiven;
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer<T>(response);
}

export const postJson = <T>(path: string, body: unknown = {}): Promise<T> => sendJson<T>("POST", path, body);

/** A query string from the set values only: `{a: "1", b: undefined}` → "?a=1". */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
