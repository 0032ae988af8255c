import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_WORKERS } from "./test/workers";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,app,components,worker,server,prisma,test}/**/*.test.{ts,tsx}", "proxy.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Files run side by side, each worker on its own copy of the database (test/worker-database.ts).
    setupFiles: ["test/worker-database.ts"],
    maxWorkers: TEST_WORKERS,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
