// Generates the Prisma client into lib/generated/prisma, offline.
// `prisma generate` does not use the schema engine, but the CLI tries to
// download it unless PRISMA_SCHEMA_ENGINE_BINARY names an executable; any will do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const schema = path.join(root, "prisma/schema.prisma");
const marker = path.join(root, "lib/generated/prisma/client.ts");

const upToDate = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(schema).mtimeMs;
if (upToDate && !process.argv.includes("--force")) process.exit(0);

const result = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["generate"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...process.env },
});
if (result.status !== 0) {
  console.error("prisma generate failed");
  process.exit(result.status ?? 1);
}
