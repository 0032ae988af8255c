import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,app,components,worker,server,prisma,test}/**/*.test.{ts,tsx}", "proxy.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Integration tests share one database; files run one at a time so their data never interleaves.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
