import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type { Prisma } from "../generated/prisma/client";

type Connections = { prisma: PrismaClient; pool: pg.Pool; url: string };

// One instance per process: the custom server (tsx) and Next's bundled route
// handlers are separate module graphs in the same process, so share via globalThis.
const shared = globalThis as unknown as { __shipboardDb?: Connections };

function connections(): Connections {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Shipboard with `npm start`, which provides it");
  if (shared.__shipboardDb?.url !== url) {
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.SHIPBOARD_DB_POOL ?? 10),
      // A process stopped mid-transaction (SIGSTOP, a hung worker) must not hold a pipeline's row lock for ever.
      idle_in_transaction_session_timeout: 15_000,
    });
    // An idle connection dropped by a restarting database must not crash the process.
    pool.on("error", () => {});
    shared.__shipboardDb = { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool, url };
  }
  return shared.__shipboardDb;
}

/**
 * The Prisma client. Created on first use, because the embedded database's URL
 * is only known once `npm start` has started it.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const prisma = connections().prisma;
    const value = Reflect.get(prisma, property, prisma);
    return typeof value === "function" ? value.bind(prisma) : value;
  },
});

/** The pg pool under the Prisma client, for the few hot paths that write raw SQL. */
export const pool = (): pg.Pool => connections().pool;

export async function disconnect(): Promise<void> {
  const current = shared.__shipboardDb;
  shared.__shipboardDb = undefined;
  if (current) await current.prisma.$disconnect().then(() => current.pool.end()).catch(() => {});
}
