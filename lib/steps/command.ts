// SPEC "Targets > command": the step's command line under /bin/sh -c in its own
// process group, with the SHIPBOARD_* environment; exit 0 succeeds. Output is
// appended to the run as it comes (the release page shows its tail), and the
// step timeout, the engine's stop (a superseding rollback, "mark failed") or
// the worker shutting down kill the whole group, saying which.
import { spawn } from "node:child_process";
import { deadlineOf, type RunContext } from "./context";
import { OUTPUT_LIMIT, touchRun, type RunOutcome } from "./record";

/** How often output is written and the engine's stop request read. */
const FLUSH_MS = 500;
/** A group that ignores SIGTERM gets SIGKILL this much later. */
const KILL_GRACE_MS = 3_000;

// The wrapper is the group's leader. Beside the command it keeps a watchdog
// that kills the whole group once the worker process is gone (kill -9), so a
// lost run never leaves its command running behind the retry.
const WRAPPER = `
( while kill -0 "$SHIPBOARD_WORKER_PID" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &
watchdog=$!
/bin/sh -c "$1"
status=$?
kill "$watchdog" 2>/dev/null
exit $status`;

// Shipboard's own settings never reach a deploy script; the rest of the worker's environment does (its tools, credentials).
const PRIVATE_SETTINGS = /^(DATABASE_URL|AUTH_SECRET|NEXTAUTH_SECRET|CRON_SECRET|GITHUB_SECRET|OIDC_CLIENT_SECRET|SHIPBOARD_.*)$/;

export function commandLineOf(context: RunContext): string | null {
  const target = context.pipeline.target;
  if (target.kind !== "command") return null;
  if (context.step.kind === "batch") return target.batch.run;
  return target.checks.find((check) => check.name === context.step.name)?.run ?? null;
}

export function stepEnvironment(context: RunContext): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !PRIVATE_SETTINGS.test(entry[0])),
  );
  const step: Record<string, string> =
    context.step.kind === "check"
      ? { SHIPBOARD_CHECK: context.step.name }
      : { SHIPBOARD_BATCH: String(context.step.batchNumber), SHIPBOARD_HOSTS: context.step.hosts.join(",") };
  return {
    NODE_ENV: process.env.NODE_ENV,
    ...inherited,
    SHIPBOARD_PIPELINE: context.pipeline.slug,
    SHIPBOARD_RELEASE: String(context.release.id),
    SHIPBOARD_RELEASE_NUMBER: String(context.release.number),
    SHIPBOARD_KIND: context.release.kind,
    SHIPBOARD_BUILD: context.build.number === null ? "" : String(context.build.number),
    SHIPBOARD_COMMIT: context.build.commitSha,
    ...step,
  };
}

/** Keeps the last `limit` characters. */
const tail = (text: string, limit = OUTPUT_LIMIT) => (text.length > limit ? text.slice(-limit) : text);

/**
 * Runs the command of `context`'s step to its end. Resolves with the outcome,
 * or null when the worker is shutting down (`signal`): the run is then left
 * to lapse and be retried by another worker.
 */
export async function runCommand(context: RunContext, signal: AbortSignal): Promise<RunOutcome | null> {
  const commandLine = commandLineOf(context);
  if (commandLine === null) return { state: "failed", note: `no command configured for ${context.step.name}` };

  const child = spawn("/bin/sh", ["-c", WRAPPER, "shipboard-step", commandLine], {
    detached: true,
    env: { ...stepEnvironment(context), SHIPBOARD_WORKER_PID: String(process.pid) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const group = child.pid!;
  let pending = `$ ${commandLine}\n`;
  let killedFor: string | null = null;
  let shuttingDown = false;
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (pending = tail(pending + chunk)));
  }

  const signalGroup = (name: NodeJS.Signals) => {
    try {
      process.kill(-group, name);
    } catch {
      // The group is gone already.
    }
  };
  let graceTimer: NodeJS.Timeout | undefined;
  const kill = (why: string) => {
    if (killedFor !== null) return;
    killedFor = why;
    pending += `\nkilled process group ${group}: ${why}\n`;
    signalGroup("SIGTERM");
    graceTimer = setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS);
  };

  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, exitSignal) => resolve({ code, signal: exitSignal }));
    child.once("error", (error) => {
      pending += `\ncould not start /bin/sh: ${error.message}\n`;
      resolve({ code: null, signal: null });
    });
  });
  const deadline = setTimeout(
    () => kill(`step timeout (${context.pipeline.target.stepTimeoutSeconds} s)`),
    Math.max(0, deadlineOf(context) - Date.now()),
  );
  const onAbort = () => {
    shuttingDown = true;
    kill("the worker shut down; another worker retries the run");
  };
  signal.addEventListener("abort", onAbort, { once: true });
  let flushing = Promise.resolve();
  const flush = () => {
    const text = pending;
    pending = "";
    flushing = flushing.then(async () => {
      const { stopReason } = await touchRun(context.runId, text);
      if (stopReason !== null) kill(stopReason);
    }).catch(() => {
      // The database is away for a moment: the output is kept for the next flush.
      pending = tail(text + pending);
    });
  };
  const flusher = setInterval(flush, FLUSH_MS);

  const { code, signal: exitSignal } = await exited;
  clearInterval(flusher);
  clearTimeout(deadline);
  clearTimeout(graceTimer);
  signal.removeEventListener("abort", onAbort);
  // Whatever the command left behind in its group goes with it; then its last output is read.
  signalGroup("SIGKILL");
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  await flushing;
  const output = pending;
  if (shuttingDown) {
    await touchRun(context.runId, output).catch(() => {});
    return null;
  }
  if (killedFor !== null) return { state: "failed", note: `killed: ${killedFor}`, output, exitCode: code };
  if (code === 0) return { state: "succeeded", note: "exit code 0", output, exitCode: 0 };
  const note = code === null ? `ended by ${exitSignal ?? "an error"}` : `exit code ${code}`;
  return { state: "failed", note, output, exitCode: code };
}
