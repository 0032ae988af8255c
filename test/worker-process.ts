// Real worker processes for tests of step runs and crashes: `node --import tsx worker/index.ts`.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export type WorkerProcesses = {
  spawn(env?: Record<string, string>): ChildProcess;
  /** A worker, once it logged that it started (its queue runner and tick loop run). */
  started(env?: Record<string, string>): Promise<ChildProcess>;
  /** The workers still running. */
  running(): ChildProcess[];
  /** The last lines the workers printed, for failure messages. */
  output(): string;
  killAll(): void;
};

export function workerProcesses(): WorkerProcesses {
  const children: ChildProcess[] = [];
  const lines: string[] = [];
  return {
    spawn(env = {}) {
      const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
        cwd: ROOT,
        env: { ...process.env, SHIPBOARD_TICK_MS: "100", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
      children.push(child);
      return child;
    },
    async started(env = {}) {
      const child = this.spawn(env);
      await new Promise<void>((resolve, reject) => {
        let text = "";
        const onData = (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('"worker started"')) {
            child.stdout!.off("data", onData);
            resolve();
          }
        };
        child.stdout!.on("data", onData);
        child.once("exit", () => reject(new Error(`the worker exited before it started:\n${lines.join("").slice(-4000)}`)));
      });
      return child;
    },
    running: () => children.filter((child) => child.exitCode === null && child.signalCode === null),
    output: () => lines.join("").slice(-4000),
    killAll() {
      for (const child of this.running()) child.kill("SIGKILL");
    },
  };
}

/** Waits until `condition` holds, polling; the error names `what` and shows `context()`. */
export async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string, context = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether a process (or, with a negative id, a process group) exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
