// A job kind: its name in the queue, the zod shape of its payload and what a
// worker does with it. Payloads are checked when added and parsed again when
// run, so a job written by an older version of the code fails loudly instead
// of half-working.
import type { z } from "zod";

/** What a running job knows about itself. */
export type JobContext = {
  /** The queue's id of this job (graphile-worker's `jobs.id`). */
  jobId: string;
  attempt: number;
  maxAttempts: number;
  /** Aborted when this worker shuts down: long jobs stop and leave their work to be retried. */
  signal: AbortSignal;
};

export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  name: string;
  payload: Schema;
  run(payload: z.output<Schema>, context: JobContext): Promise<void>;
};

export function defineJob<Schema extends z.ZodType>(
  name: string,
  payload: Schema,
  run: (payload: z.output<Schema>, context: JobContext) => Promise<void>,
): JobDefinition<Schema> {
  return { name, payload, run };
}

/** A job kind of any payload, as the registry and the runner hold it. */
export type RegisteredJob = { name: string; payload: z.ZodType; run(payload: never, context: JobContext): Promise<void> };
