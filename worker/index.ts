// `npm run worker`: the engine's tick loop as its own process, for deployments
// that run web and worker separately (any number of each against one Postgres).
import pino from "pino";
import { ConfigError, loadConfig } from "../lib/config";
import { disconnect } from "../lib/db";
import { joinDatabaseUrl } from "../lib/db/bootstrap";
import { listen } from "../lib/db/listen";
import { feedDemoBuilds } from "../lib/demo/feed";
import { startJobRunner } from "../lib/jobs/runner";
import { ENGINE_CHANNEL } from "../lib/steps/record";
import { startWorker } from "./loop";

const log = pino({ name: "shipboard-worker" });

function settings(): { tickMs: number; jobConcurrency: number; databaseUrl: string } {
  try {
    const config = loadConfig();
    // Step runs hold a job while their command runs (and as many again wait for a command slot): they get their own room.
    const jobConcurrency = config.jobConcurrency + 2 * config.stepConcurrency;
    return { tickMs: config.tickMs, jobConcurrency, databaseUrl: joinDatabaseUrl(config) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { tickMs, jobConcurrency, databaseUrl } = settings();
process.env.DATABASE_URL = databaseUrl;

const demoFeed = process.env.SHIPBOARD_DEMO_FEED === "1" ? feedDemoBuilds : undefined;
// The job runner installs the queue's schema first (safe when several workers start at once).
const jobs = await startJobRunner({ databaseUrl, log, concurrency: jobConcurrency });
const worker = startWorker({ tickMs, log, onTick: demoFeed });
// A finished step run wakes the tick, so the release moves on without waiting for the interval.
const wakeUps = listen(databaseUrl, ENGINE_CHANNEL, () => worker.wake());
log.info({ tickMs, jobConcurrency, demoFeed: demoFeed !== undefined }, "worker started");

const shutdown = () => {
  void Promise.all([worker.stop(), jobs.stop(), wakeUps.close()])
    .then(disconnect)
    .finally(() => process.exit(0));
};
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, shutdown);
// Started by `npm start` with an IPC channel: if that process dies (even by SIGKILL), stop too.
process.once("disconnect", shutdown);
