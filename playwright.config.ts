import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./e2e/browser";
import { E2E_BASE_URL, E2E_WORKERS, e2ePortOf } from "./e2e/env";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  // Files run side by side, one worker per server (E2E_WORKERS): a worker's tests only meet their own server's pipelines.
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs } } },
  ],
  webServer: Array.from({ length: E2E_WORKERS }, (_, server) => ({
    command: "npx tsx e2e/serve.ts",
    env: { TEST_PARALLEL_INDEX: String(server) },
    url: `http://localhost:${e2ePortOf(server)}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 },
  })),
});
