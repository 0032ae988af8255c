import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../config";
import { firstUnenterable, startEmbeddedPostgres } from "./embedded";

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

describe("starting as root from a directory the postgres user cannot enter", () => {
  it.skipIf(process.getuid?.() !== 0)("stops at once with one line naming the directory (a clone under /root)", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-root-home-"));
    fs.chmodSync(home, 0o700); // like /root
    const started = Date.now();
    const failure = await startEmbeddedPostgres(path.join(home, "clone", ".shipboard")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(new RegExp(`^SHIPBOARD_DATA_DIR: .*cannot enter ${home} `));
    expect((failure as Error).message).not.toContain("\n");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fs.existsSync(path.join(home, "clone"))).toBe(false); // nothing created
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("finds the first directory without o+x on the way", () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-unenterable-"));
    fs.chmodSync(top, 0o755);
    fs.mkdirSync(path.join(top, "a", "b"), { recursive: true });
    fs.chmodSync(path.join(top, "a"), 0o750);
    expect(firstUnenterable(path.join(top, "a", "b", "data"))).toBe(path.join(top, "a"));
    fs.chmodSync(path.join(top, "a"), 0o755);
    expect(firstUnenterable(path.join(top, "a", "b", "data"))).toBeNull();
    fs.rmSync(top, { recursive: true, force: true });
  });
});
