// Each test worker uses its own copy of the migrated database, so files that
// run side by side never see each other's pipelines (a tick walks them all,
// the job queue serves every job of its database).
const copies = JSON.parse(process.env.SHIPBOARD_TEST_DATABASE_URLS ?? "[]") as string[];
const worker = Number(process.env.VITEST_POOL_ID ?? 1);
if (copies.length > 0) process.env.DATABASE_URL = copies[(worker - 1) % copies.length];
