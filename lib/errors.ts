/**
 * The one error type of Shipboard. Engine and queries throw it; the API layer
 * turns it into `{error: {code, message}}` with the status below.
 */
export const statusOf = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_down: 503,
} as const;

export type ErrorCode = keyof typeof statusOf;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, for 400s. */
    readonly field?: string,
    /** For 429s: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const badRequest = (message: string, field?: string) => new AppError("bad_request", message, field);
export const notFound = (message: string) => new AppError("not_found", message);
export const conflict = (message: string) => new AppError("conflict", message);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const unauthorized = (message: string) => new AppError("unauthorized", message);
