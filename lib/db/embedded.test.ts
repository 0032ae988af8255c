import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../config";
import { startEmbeddedPostgres } from "./embedded";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-embedded-"));
  dirs.push(dir);
  return dir;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps data across a clean stop and start", async () => {
    const dir = tempDir();
    const first = await startEmbeddedPostgres(dir);
    expect(first.created).toBe(true);
    await query(first.adminUrl, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
    await first.stop();
    const second = await startEmbeddedPostgres(dir);
    expect(second.created).toBe(false);
    expect(await query(second.adminUrl, "SELECT id FROM kept")).toEqual([{ id: 42 }]);
    await second.stop();
  });

  it("comes up again after its owner was killed with SIGKILL, stopping the orphaned server", async () => {
    const dir = tempDir();
    const owner = spawn(process.execPath, ["--import", "tsx", "test/embedded-owner.ts", dir], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("up") && resolve());
      owner.on("exit", (code) => reject(new Error(`owner exited early (${code})`)));
    });
    owner.kill("SIGKILL");
    await new Promise((resolve) => owner.once("exit", resolve));
    const orphanPid = Number(fs.readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

    const restarted = await startEmbeddedPostgres(dir);
    expect(await query(restarted.adminUrl, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(() => process.kill(orphanPid, 0)).toThrow();
    await restarted.stop();
  });

  it("refuses a data dir that cannot be created, naming the setting", async () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    const start = startEmbeddedPostgres(path.join(file, "data"));
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/^SHIPBOARD_DATA_DIR: /);
  });
});
