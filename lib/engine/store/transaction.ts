// One engine operation = one Postgres transaction that holds its pipeline's row lock.
import { db } from "../../db";
import { conflict, notFound } from "../../errors";
import { Prisma, type Pipeline } from "../../generated/prisma/client";

export type Tx = Prisma.TransactionClient;

// Requests queue on a busy pipeline's row lock and for pool connections: wait, don't fail.
const OPTIONS = { maxWait: 15_000, timeout: 30_000 };
const ATTEMPTS = 3;
const DEADLOCK_OR_SERIALIZATION = new Set(["40P01", "40001"]);
const ONE_ACTIVE_INDEX = "Release_one_active_per_pipeline";

type DriverCause = { originalCode?: string; code?: string; constraint?: { index?: string } };

function driverCause(error: unknown): DriverCause | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } } | null)?.meta;
  return meta?.driverAdapterError?.cause;
}

/** Whether Postgres refused a write by this unique index. */
export function isUniqueIndexViolation(error: unknown, index: string): boolean {
  const cause = driverCause(error);
  return cause?.originalCode === "23505" && cause.constraint?.index === index;
}

/** Rule 6's backstop: the partial unique index refused a second pending or running release. */
export const isSecondActiveRelease = (error: unknown): boolean => isUniqueIndexViolation(error, ONE_ACTIVE_INDEX);

function isRetryable(error: unknown): boolean {
  const cause = driverCause(error);
  return DEADLOCK_OR_SERIALIZATION.has(cause?.originalCode ?? cause?.code ?? "");
}

/**
 * Runs `work` in one transaction, retried on a deadlock. The row lock is the
 * normal path of rule 6; should anything get past it, the unique index's
 * violation is a 409, never a 500.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, OPTIONS);
    } catch (error) {
      if (isSecondActiveRelease(error)) throw conflict("Another release is already pending or running on this pipeline");
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Takes the pipeline's row lock until the transaction ends; null when there is
 * no such pipeline or, with skipLocked, when another transaction holds it.
 * NO KEY UPDATE excludes every other engine transaction on the pipeline, yet lets
 * webhooks and heartbeats insert rows that reference it (they take KEY SHARE).
 */
export async function lockPipelineRow(
  tx: Tx,
  where: { slug: string } | { id: number },
  options: { skipLocked: boolean },
): Promise<number | null> {
  const match = "slug" in where ? Prisma.sql`slug = ${where.slug}` : Prisma.sql`id = ${where.id}`;
  const skip = options.skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Pipeline" WHERE ${match} FOR NO KEY UPDATE ${skip}`;
  return rows[0]?.id ?? null;
}

/** A person's action on a pipeline: its transaction, row lock, row, and the time it happens. */
export function onLockedPipeline<T>(slug: string, work: (tx: Tx, pipeline: Pipeline, now: Date) => Promise<T>): Promise<T> {
  return inTransaction(async (tx) => {
    const id = await lockPipelineRow(tx, { slug }, { skipLocked: false });
    if (id === null) throw notFound(`Pipeline ${slug} not found`);
    return work(tx, await tx.pipeline.findUniqueOrThrow({ where: { id } }), new Date());
  });
}
