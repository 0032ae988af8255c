import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "../db";
import { AppError } from "../errors";

/**
 * Limits counted in Postgres (rate-limiter-flexible's store, table
 * "RateLimit"), so they hold across every node: each attempt is one atomic
 * upsert, never a read-then-write. Each process deletes counters expired
 * for an hour every 5 minutes (the store's own unref'd timer).
 */
const definitions = {
  // Password sign-ins per client address, and per account (the email typed).
  signinAddress: { points: 20, duration: 60 },
  signinAccount: { points: 10, duration: 60 },
  // Invite acceptance and password changes per client address: each runs argon2.
  password: { points: 10, duration: 60 },
  // Webhook deliveries per client address: far above any CI's real rate.
  webhook: { points: 20_000, duration: 10 },
} as const;

export type LimitName = keyof typeof definitions;

let built: { pool: pg.Pool; limiters: Record<LimitName, RateLimiterPostgres> } | null = null;

function limiter(name: LimitName): RateLimiterPostgres {
  const current = pool();
  if (built?.pool !== current) {
    const make = (keyPrefix: LimitName) =>
      new RateLimiterPostgres({ storeClient: current, storeType: "pool", tableName: "RateLimit", tableCreated: true, clearExpiredByTimeout: true, keyPrefix, ...definitions[keyPrefix] });
    built = { pool: current, limiters: { signinAddress: make("signinAddress"), signinAccount: make("signinAccount"), password: make("password"), webhook: make("webhook") } };
  }
  return built.limiters[name];
}

/** Set by server/http.ts from the socket (any client-sent value is replaced), so it cannot be spoofed. */
export const CLIENT_ADDRESS_HEADER = "x-shipboard-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

// Keys hold typed input (emails): hash them to fit the table's varchar(255) and keep them out of the database.
const hashKey = (key: string) => createHash("sha256").update(key).digest("base64url");

/** Counts one attempt under `name` for `key`; over the limit: a 429 with the seconds to wait. */
export async function consume(name: LimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(hashKey(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError("rate_limited", `too many requests; retry in ${seconds} s`, undefined, seconds);
    }
    throw rejection;
  }
}

/** Gives an attempt back (a sign-in that succeeded counts against nobody). */
export async function refund(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(hashKey(key));
}
