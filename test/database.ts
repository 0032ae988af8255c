import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { createDatabaseIfMissing } from "../lib/db/bootstrap";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { installJobQueue } from "../lib/jobs/install";

/**
 * A fresh, migrated database for one test run: on the server DATABASE_URL
 * points at when set, else on a throwaway embedded PostgreSQL. `drop()`
 * removes it (and stops the embedded server). With `empty`, nothing is
 * migrated: a new database as the first start of Shipboard finds it.
 */
export async function createTestDatabase({ empty = false } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  const dataDir = external ? null : fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-test-"));
  const server = dataDir ? await startEmbeddedPostgres(dataDir, { persistent: false }) : null;
  const adminUrl = server?.adminUrl ?? external!;
  const name = `shipboard_test_${randomBytes(4).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (!empty) {
    await migrate(url.toString());
    await installJobQueue(url.toString());
  }
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await server?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
