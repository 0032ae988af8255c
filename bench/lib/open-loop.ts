import { Pool } from "undici";
import type { Dispatcher } from "undici";

/**
 * An open-loop load generator: requests start at Poisson-distributed times at
 * a fixed rate whether or not earlier ones have answered, and latency is
 * measured from the scheduled start (so queueing the server causes is counted,
 * unlike closed-loop or burst generators). undici's Pool keeps connections alive.
 */
export type OpenLoopResult = { latenciesMs: number[]; errors: number; statuses: Map<number, number>; sent: number; seconds: number };

export async function runOpenLoop(options: {
  origin: string;
  rate: number;
  seconds: number;
  connections?: number;
  request: (i: number) => Dispatcher.RequestOptions;
}): Promise<OpenLoopResult> {
  const pool = new Pool(options.origin, { connections: options.connections ?? 256, keepAliveTimeout: 60_000, pipelining: 1 });
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let scheduled = start;
  let i = 0;
  while (scheduled - start < options.seconds * 1000) {
    scheduled += -Math.log(1 - Math.random()) * (1000 / options.rate);
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const at = scheduled;
    const n = i++;
    inFlight.push(
      pool
        .request(options.request(n))
        .then(async (response) => {
          await response.body.dump();
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 400) errors++;
          latenciesMs.push(performance.now() - at);
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  await pool.close();
  return { latenciesMs, errors, statuses, sent: i, seconds: options.seconds };
}
