// The worker's loop: one engine tick every tickMs, never two at once in this
// process; a failed tick (a bug, a database outage) is logged and the next one tries again.
import { tick as engineTick, type TickSummary } from "../lib/engine";

/** The part of a pino logger the loop uses. */
export type WorkerLog = {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
};

export type WorkerOptions = {
  tickMs: number;
  log: WorkerLog;
  /** Extra work at the start of every tick (the demo's build feed); its errors are logged like a tick's. */
  onTick?: (now: Date) => Promise<unknown>;
  /** The engine's tick; tests pass their own. */
  tick?: (options: { now?: Date }) => Promise<TickSummary>;
};

export type Worker = { stop(): Promise<void> };

function didSomething(summary: TickSummary): boolean {
  const { errors, ...counts } = summary;
  return errors.length > 0 || Object.values(counts).some((count) => count > 0);
}

export function startWorker(options: WorkerOptions): Worker {
  const { tickMs, log, onTick, tick = engineTick } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function once(): Promise<void> {
    const now = new Date();
    try {
      await onTick?.(now);
    } catch (error) {
      log.error({ err: error }, "tick hook failed");
    }
    try {
      // No time given: each pipeline decides at its own moment within the tick.
      const summary = await tick({});
      if (summary.errors.length > 0) log.warn(summary, "tick: some pipelines could not be advanced");
      else if (didSomething(summary)) log.info(summary, "tick");
    } catch (error) {
      log.error({ err: error }, "tick failed; retrying next tick");
    }
  }

  // The next tick is scheduled only once the previous one finished.
  const run = () => {
    current = once().finally(schedule);
  };
  let current = once().finally(schedule);
  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(run, tickMs);
  }

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
