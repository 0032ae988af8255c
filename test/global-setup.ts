import { createTestDatabase } from "./database";

// Vitest: one fresh database per run; test files see it as DATABASE_URL.
export default async function setup() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  return () => database.drop();
}
