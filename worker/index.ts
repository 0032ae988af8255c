// `npm run worker`: the engine's tick loop as its own process, for deployments
// that run web and worker separately (any number of each against one Postgres).
import pino from "pino";
import { ConfigError, loadConfig } from "../lib/config";
import { disconnect } from "../lib/db";
import { joinDatabaseUrl } from "../lib/db/bootstrap";
import { feedDemoBuilds } from "../lib/demo/feed";
import { watchStuckReleases } from "../lib/engine";
import { startJobRunner } from "../lib/jobs/runner";
import { commandRunJob } from "../lib/steps/job";
import { startWorker } from "./loop";

const log = pino({ name: "shipboard-worker" });

function settings(): { tickMs: number; jobConcurrency: number; stepConcurrency: number; databaseUrl: string } {
  try {
    const config = loadConfig();
    return { tickMs: config.tickMs, jobConcurrency: config.jobConcurrency, stepConcurrency: config.stepConcurrency, databaseUrl: joinDatabaseUrl(config) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { tickMs, jobConcurrency, stepConcurrency, databaseUrl } = settings();
process.env.DATABASE_URL = databaseUrl;

const demoFeed = process.env.SHIPBOARD_DEMO_FEED === "1" ? feedDemoBuilds : undefined;
// The job runner installs the queue's schema first (safe when several workers start at once).
const jobs = await startJobRunner({ databaseUrl, log, concurrency: jobConcurrency });
// Commands in a runner of their own: it takes one only when one of its slots is free.
const commands = await startJobRunner({ databaseUrl, log, concurrency: stepConcurrency, jobs: [commandRunJob] });
const worker = startWorker({ tickMs, log, onTick: demoFeed });
const stuckWatch = watchStuckReleases();
log.info({ tickMs, jobConcurrency, stepConcurrency, demoFeed: demoFeed !== undefined }, "worker started");

const shutdown = () => {
  stuckWatch.stop();
  void Promise.all([worker.stop(), jobs.stop(), commands.stop()])
    .then(disconnect)
    .finally(() => process.exit(0));
};
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, shutdown);
// Started by `npm start` with an IPC channel: if that process dies (even by SIGKILL), stop too.
process.once("disconnect", shutdown);
