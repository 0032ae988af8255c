import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { errorResponse } from "./api/errors";
import { db, disconnect } from "./db";
import { startEmbeddedPostgres } from "./db/embedded";
import { migrate } from "./db/migrate";
import { checkHealth } from "./health";

const sharedUrl = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-outage-"));

afterAll(async () => {
  await disconnect();
  process.env.DATABASE_URL = sharedUrl;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a database that goes away while serving", () => {
  it("answers 503 database_down while it is gone and recovers by itself when it returns", async () => {
    let server = await startEmbeddedPostgres(dir);
    process.env.DATABASE_URL = server.adminUrl;
    await migrate(server.adminUrl);
    expect(await checkHealth()).toEqual({ ok: true, db: "ok" });
    expect(await db.pipeline.count()).toBe(0);

    await server.stop();
    expect(await checkHealth()).toEqual({ ok: false, db: "down" });
    const failure = await db.pipeline.count().catch((error: unknown) => error);
    const response = errorResponse(failure);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "database_down", message: "the database is unreachable; retry shortly" } });

    server = await startEmbeddedPostgres(dir);
    expect(server.adminUrl).toBe(process.env.DATABASE_URL); // same port again, so clients reconnect
    expect(await checkHealth()).toEqual({ ok: true, db: "ok" });
    expect(await db.pipeline.count()).toBe(0);
    await disconnect();
    await server.stop();
  });
});
