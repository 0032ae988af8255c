import { spawn } from "node:child_process";

/**
 * Starts Shipboard for a benchmark exactly as the e2e suite does (e2e/serve.ts:
 * production build, throwaway database, demo data, admin token), on its own port.
 */
export async function startBenchServer(port: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  // An IPC channel, so the server stops with the benchmark even if the benchmark is killed.
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/serve.ts"], {
    env: { ...process.env, E2E_PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited (${child.exitCode})`);
    const up = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error("bench server did not start in 4 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
