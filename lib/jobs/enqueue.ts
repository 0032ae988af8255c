// Adding a job. Through the caller's Prisma client or transaction, so a job
// written with an engine change commits (and is picked up, by NOTIFY) with it
// or not at all.
import type { z } from "zod";
import type { JobDefinition } from "./job";
import { JOB_SCHEMA } from "./install";

/** Anything that runs tagged raw SQL: `db` or the `tx` of an interactive transaction. */
export type SqlRunner = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

export type EnqueueOptions = {
  /** Jobs of one queue run one at a time, in order (keep the number of queue names small). */
  queue?: string;
  /** Not before this time. */
  runAt?: Date;
  /** Default 25 (graphile-worker's, with exponential backoff between attempts). */
  maxAttempts?: number;
  /** A job with the same key replaces the one still waiting (e.g. one delivery per event). */
  key?: string;
  /** With a key: "preserve_run_at" keeps the waiting job's time (a wake-up never cuts a backoff short). */
  keyMode?: "replace" | "preserve_run_at";
};

export async function enqueue<Schema extends z.ZodType>(
  client: SqlRunner,
  job: JobDefinition<Schema>,
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<void> {
  await client.$executeRawUnsafe(
    `SELECT ${JOB_SCHEMA}.add_job($1::text, $2::json, queue_name => $3::text, run_at => $4::timestamptz,
       max_attempts => $5::int, job_key => $6::text, job_key_mode => $7::text)`,
    job.name,
    JSON.stringify(job.payload.parse(payload)),
    options.queue ?? null,
    options.runAt ?? null,
    options.maxAttempts ?? null,
    options.key ?? null,
    options.keyMode ?? null,
  );
}
