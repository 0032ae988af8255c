import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";

/**
 * Per-process limits (each web process counts on its own; enough to stop a
 * password guesser or a runaway CI loop, not a distributed attack).
 */
export const limiters = {
  // Sign-in attempts per client address and email.
  signin: new RateLimiterMemory({ keyPrefix: "signin", points: 20, duration: 60 }),
  // Webhook deliveries per client address: far above any CI's real rate.
  webhook: new RateLimiterMemory({ keyPrefix: "webhook", points: 20_000, duration: 10 }),
};

/** Set by server/http.ts from the socket (any client-sent value is replaced), so it cannot be spoofed. */
export const CLIENT_ADDRESS_HEADER = "x-shipboard-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

export async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError("rate_limited", `too many requests; retry in ${seconds} s`, undefined, seconds);
    }
    throw rejection;
  }
}
