// The worker process's job runner: takes jobs of the registered kinds from the
// queue (LISTEN/NOTIFY, so a committed job starts within milliseconds) and runs
// up to `concurrency` at once, beside the engine's tick loop.
import { run, type Task, type TaskList } from "graphile-worker";
import type { WorkerLog } from "../../worker/loop";
import { installJobQueue, JOB_SCHEMA, quietLogger } from "./install";
import type { RegisteredJob } from "./job";
import { registeredJobs } from "./registry";

export type JobRunnerOptions = {
  databaseUrl: string;
  log: WorkerLog;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** The job kinds this runner takes; the app's registry unless a test passes its own. */
  jobs?: readonly RegisteredJob[];
};

export type JobRunner = { stop(): Promise<void> };

function asTask(job: RegisteredJob, log: WorkerLog): Task {
  return async (raw, helpers) => {
    const parsed = job.payload.safeParse(raw);
    if (!parsed.success) {
      // A payload no version of this code can run: retrying cannot help.
      log.error({ job: job.name, jobId: helpers.job.id, issues: parsed.error.issues }, "job payload does not parse; dropped");
      return;
    }
    await job.run(parsed.data as never, {
      jobId: helpers.job.id,
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
      signal: helpers.abortSignal,
    });
  };
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { databaseUrl, log, concurrency, jobs = registeredJobs } = options;
  await installJobQueue(databaseUrl);
  const taskList: TaskList = Object.fromEntries(jobs.map((job) => [job.name, asTask(job, log)]));
  const runner = await run({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    taskList,
    concurrency,
    // One connection per running job, plus the listener's and a spare.
    maxPoolSize: concurrency + 2,
    // The worker process owns its signals (worker/index.ts) and stops us.
    noHandleSignals: true,
    // NOTIFY wakes runners at once; polling only catches jobs whose run_at came due.
    pollInterval: 1_000,
    logger: quietLogger,
  });
  runner.events.on("job:error", ({ job, error }) => log.warn({ job: job.task_identifier, jobId: job.id, attempt: job.attempts, err: error }, "job failed; retried later"));
  runner.events.on("job:failed", ({ job, error }) => log.error({ job: job.task_identifier, jobId: job.id, err: error }, "job failed for good"));
  return { stop: () => runner.stop() };
}
