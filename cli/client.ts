// The CLI's side of SPEC "HTTP API": SHIPBOARD_URL and SHIPBOARD_TOKEN, and the exit codes.

/** Exit codes (SPEC): 0 ok, 1 refused (a 4xx, or a watched release that failed), 2 server or network error. */
export const EXIT = { ok: 0, refused: 1, error: 2 } as const;

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    /** The server's JSON error body, for --json. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export type Client = { get<T>(path: string): Promise<T>; post<T>(path: string, body?: unknown): Promise<T> };

export function client(env: Record<string, string | undefined> = process.env): Client {
  const base = (env.SHIPBOARD_URL || "http://localhost:3000").replace(/\/+$/, "");
  const token = env.SHIPBOARD_TOKEN;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new CliError(EXIT.error, `cannot reach Shipboard at ${base}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return json as T;
    const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `Shipboard answered ${response.status}`;
    throw new CliError(response.status < 500 ? EXIT.refused : EXIT.error, `${response.status}: ${message}`, json);
  }
  return { get: (path) => call("GET", path), post: (path, body) => call("POST", path, body ?? {}) };
}
