// The queue's tables live in their own schema, installed and upgraded by the
// library itself (not by prisma/migrations): at `npm start`, at every worker's
// start and in the test database setup.
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";

export const JOB_SCHEMA = "graphile_worker";

// Our own advisory lock around the library's migrations, so two nodes starting
// at once on a new database install it one after the other.
const INSTALL_LOCK = 5_347_001;

export async function installJobQueue(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [INSTALL_LOCK]);
    await runMigrations({ connectionString: databaseUrl, schema: JOB_SCHEMA, logger: quietLogger });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [INSTALL_LOCK]).catch(() => {});
    await client.end();
  }
}

/** graphile-worker's own logging, kept to warnings and errors (our pino logs say what jobs do). */
export const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
});
