import { defineConfig } from "prisma/config";

// The URL is only needed by `prisma migrate deploy` where the schema engine exists;
// `prisma generate` (run offline by scripts/prisma-generate.ts) needs none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/shipboard" },
});
