// Builds in CI order in SQL, the one spelling of compareBuildsNewestFirst
// (lib/webhooks/state.ts): createdAt, then the provider's number (a build
// without one counts lowest), then arrival (id). Compare two builds with a
// row comparison: Prisma.sql`${ciOrder("b")} > ${ciOrder("cb")}`.
import { Prisma } from "../generated/prisma/client";

const NO_NUMBER = -2147483648;

/** The order key of the build row under `alias` (a table alias of the query, never input). */
export const ciOrder = (alias: string) => Prisma.raw(`(${alias}."createdAt", COALESCE(${alias}.number, ${NO_NUMBER}), ${alias}.id)`);

/** The order key of a build already read. */
export const ciOrderOf = (build: { createdAt: Date; number: number | null; id: number }) =>
  Prisma.sql`(${build.createdAt}::timestamp, ${build.number ?? NO_NUMBER}::int, ${build.id}::int)`;
