import pg from "pg";
import { ConfigError, type Config } from "../config";
import { embeddedUrl, readEmbeddedState, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { installJobQueue } from "../jobs/install";
import { migrate } from "./migrate";

export type PreparedDatabase = {
  url: string;
  embedded: EmbeddedServer | null;
  /** True when the migrations created the schema just now. */
  fresh: boolean;
};

const DATABASE_NAME = "shipboard";

function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigError("DATABASE_URL", `cannot connect to ${describe(url)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * The database for `npm start`: DATABASE_URL when set, else an embedded
 * PostgreSQL under SHIPBOARD_DATA_DIR; migrated either way.
 */
export async function prepareDatabase(config: Config): Promise<PreparedDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    await createDatabaseIfMissing(embedded.adminUrl, DATABASE_NAME);
    url = embedded.adminUrl.replace(/\/postgres$/, `/${DATABASE_NAME}`);
  }
  try {
    await checkReachable(url);
    const applied = await migrate(url);
    await installJobQueue(url);
    return { url, embedded, fresh: applied.some((name) => name.endsWith("_init")) };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * For processes that join a running Shipboard (`npm run worker`): DATABASE_URL,
 * else the embedded server that `npm start` runs under SHIPBOARD_DATA_DIR.
 */
export function joinDatabaseUrl(config: Config): string {
  if (config.databaseUrl) return config.databaseUrl;
  const state = readEmbeddedState(config.dataDir);
  if (!state || state.ownerPid === 0) {
    throw new ConfigError("DATABASE_URL", `unset and no Shipboard is running on ${config.dataDir}; set it or run \`npm start\` first`);
  }
  return embeddedUrl(state, DATABASE_NAME);
}
