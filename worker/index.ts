// `npm run worker`: the engine's tick loop as its own process, for deployments
// that run web and worker separately (any number of each against one Postgres).
import pino from "pino";
import { ConfigError, loadConfig } from "../lib/config";
import { disconnect } from "../lib/db";
import { joinDatabaseUrl } from "../lib/db/bootstrap";
import { feedDemoBuilds } from "../lib/demo/feed";
import { startWorker } from "./loop";

const log = pino({ name: "shipboard-worker" });

function settings(): { tickMs: number; databaseUrl: string } {
  try {
    const config = loadConfig();
    return { tickMs: config.tickMs, databaseUrl: joinDatabaseUrl(config) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { tickMs, databaseUrl } = settings();
process.env.DATABASE_URL = databaseUrl;

const demoFeed = process.env.SHIPBOARD_DEMO_FEED === "1" ? feedDemoBuilds : undefined;
const worker = startWorker({ tickMs, log, onTick: demoFeed });
log.info({ tickMs, demoFeed: demoFeed !== undefined }, "worker started");

const shutdown = () => {
  void worker
    .stop()
    .then(disconnect)
    .finally(() => process.exit(0));
};
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, shutdown);
// Started by `npm start` with an IPC channel: if that process dies (even by SIGKILL), stop too.
process.once("disconnect", shutdown);
