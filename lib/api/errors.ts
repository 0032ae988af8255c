import { z } from "zod";
import { AppError } from "../errors";
import { log } from "../log";

const DATABASE_DOWN = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|Can't reach database|database system is (starting up|shutting down)|terminating connection/i;

/** True for errors that mean "the database is unreachable", whichever layer threw them. */
export function isDatabaseDown(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === "string" && ["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "57P01", "57P03"].includes(e.code)) return true;
    if (typeof e.message === "string" && DATABASE_DOWN.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** The Postgres unique violation (e.g. the one-active-release index) surfacing through Prisma. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === "P2002" || e?.code === "23505" || (typeof e?.message === "string" && e.message.includes("Unique constraint"));
}

export function errorBody(code: string, message: string, field?: string) {
  return { error: field ? { code, message, field } : { code, message } };
}

/** The one place an error becomes an HTTP answer: `{error: {code, message}}`, never a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return Response.json(errorBody(error.code, error.message, error.field), { status: error.status, headers });
  }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.join(".") || undefined;
    return Response.json(errorBody("bad_request", field ? `${field}: ${issue.message}` : issue.message, field), { status: 400 });
  }
  if (isDatabaseDown(error)) {
    return Response.json(errorBody("database_down", "the database is unreachable; retry shortly"), { status: 503 });
  }
  if (isUniqueViolation(error)) {
    return Response.json(errorBody("conflict", "this conflicts with a change made at the same moment; retry"), { status: 409 });
  }
  log.error({ err: error }, "unhandled API error");
  return Response.json(errorBody("internal", "internal error; see the server log"), { status: 500 });
}
