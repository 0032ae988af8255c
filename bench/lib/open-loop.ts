import { monitorEventLoopDelay } from "node:perf_hooks";
import { Pool } from "undici";
import type { Dispatcher } from "undici";

/**
 * An open-loop load generator: requests start at Poisson-distributed times at
 * a fixed rate whether or not earlier ones have answered, and latency is
 * measured from the scheduled start (so queueing the server causes is counted,
 * unlike closed-loop or burst generators). undici's Pool keeps connections
 * alive; answers are read through dispatch callbacks, not body streams, so the
 * generator's own CPU (it shares the 2 cores with the server) stays small.
 * `clientDelayP99Ms` is the generator's own event-loop delay: a request it
 * starts late is counted late, so this is the floor under every figure.
 */
export type OpenLoopResult = {
  latenciesMs: number[];
  errors: number;
  statuses: Map<number, number>;
  sent: number;
  seconds: number;
  clientDelayP99Ms: number;
};

export async function runOpenLoop(options: {
  origin: string;
  rate: number;
  seconds: number;
  connections?: number;
  request: (i: number) => Dispatcher.DispatchOptions;
}): Promise<OpenLoopResult> {
  const pool = new Pool(options.origin, { connections: options.connections ?? 256, keepAliveTimeout: 60_000, pipelining: 1 });
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let errors = 0;
  let open = 0;
  let allAnswered = () => {};
  const answered = () => {
    open -= 1;
    if (open === 0) allAnswered();
  };
  const send = (request: Dispatcher.DispatchOptions, at: number) => {
    let status = 0;
    open += 1;
    pool.dispatch(request, {
      onRequestStart: () => {},
      onResponseStart: (_controller, statusCode) => void (status = statusCode),
      onResponseData: () => {},
      onResponseEnd: () => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 400) errors++;
        latenciesMs.push(performance.now() - at);
        answered();
      },
      onResponseError: () => {
        errors++;
        answered();
      },
    });
  };
  const start = performance.now();
  let scheduled = start;
  let i = 0;
  while (scheduled - start < options.seconds * 1000) {
    scheduled += -Math.log(1 - Math.random()) * (1000 / options.rate);
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    send(options.request(i++), scheduled);
  }
  if (open > 0) await new Promise<void>((resolve) => (allAnswered = resolve));
  delay.disable();
  await pool.close();
  return { latenciesMs, errors, statuses, sent: i, seconds: options.seconds, clientDelayP99Ms: delay.percentile(99) / 1e6 };
}
