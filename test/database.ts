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
 * migrated: a new database as the first start of Shipboard finds it. `copies`
 * template copies of it are made alongside (see test/worker-database.ts).
 */
export async function createTestDatabase({ empty = false, copies = 0 } = {}): Promise<{ url: string; copies: string[]; drop(): Promise<void> }> {
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
  // Copies of the migrated database (a template copy is a file copy: fast), for test workers running side by side.
  const copyNames = Array.from({ length: copies }, (_, i) => `${name}_${i + 1}`);
  await withAdmin(adminUrl, async (client) => {
    for (const copy of copyNames) await client.query(`CREATE DATABASE "${copy}" TEMPLATE "${name}"`);
  });
  const urlOf = (database: string) => Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  return {
    url: url.toString(),
    copies: copyNames.map(urlOf),
    drop: async () => {
      await withAdmin(adminUrl, async (client) => {
        for (const database of [name, ...copyNames]) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      });
      await server?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin(adminUrl: string, run: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
