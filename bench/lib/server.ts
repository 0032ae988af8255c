import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Starts Shipboard for a benchmark exactly as the e2e suite does (e2e/serve.ts:
 * production build, throwaway database, demo data, admin token), on its own port.
 */
export type BenchServer = { baseUrl: string; pid: number; stop(): Promise<void>; kill(): void };

export async function startBenchServer(port: number): Promise<BenchServer> {
  // Its embedded database lives here; removed by stop() even after kill(), which leaves it behind (~300 MB).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-e2e-"));
  // An IPC channel, so the server stops with the benchmark even if the benchmark is killed.
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/serve.ts"], {
    env: { ...process.env, E2E_PORT: String(port), E2E_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const failed = child.exitCode !== null ? `bench server exited (${child.exitCode})` : Date.now() > deadline ? "bench server did not start in 4 minutes" : null;
    if (failed) {
      child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
      throw new Error(failed);
    }
    const up = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    pid: child.pid!,
    /** SIGKILL: the server dies as in a crash (its embedded database is left to exit with it). */
    kill: () => void child.kill("SIGKILL"),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise((resolve) => {
          child.once("exit", resolve);
          child.kill("SIGTERM");
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** A process's resident memory (MB) and CPU seconds so far, from /proc (Linux). */
export function processUsage(pid: number): { rssMb: number; cpuSeconds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN);
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return { rssMb: rssKb / 1024, cpuSeconds: ticks / 100 };
}
