import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import type http from "node:http";
import { closeHeartbeatDb } from "../lib/agents/heartbeat";
import { ensureFirstAdmin, sharedAuthSecret } from "../lib/auth/first-admin";
import { ConfigError, loadConfig, type Config } from "../lib/config";
import { prepareDatabase, type PreparedDatabase } from "../lib/db/bootstrap";
import { disconnect } from "../lib/db";
import { watchStuckReleases } from "../lib/engine";
import { agentRoute } from "./agent-route";
import { build, buildIsStale, root } from "./build";
import { portIsFree, startHttpServer } from "./http";
import { proxyTo } from "./proxy";
import { metricsRoute } from "./metrics-route";
import { webhookRoute } from "./webhook-route";
import { inputGuard } from "./guard";

/**
 * `npm start`: one command runs all of Shipboard — the database (embedded
 * unless DATABASE_URL is set), migrations, demo data on a new database, the
 * production build if missing or stale, the HTTP server and the worker.
 */
const say = (line: string) => console.log(`shipboard: ${line}`);

function shouldSeed(config: Config, database: PreparedDatabase): boolean {
  if (config.demo !== undefined) return config.demo;
  return database.embedded !== null && database.embedded.created;
}

/**
 * A child process of `npm start`, restarted 1 s after it dies. `ready` resolves
 * on its first "ready" message (the web child's), or at once when `waitForReady` is false.
 */
function supervise(name: string, entry: string, env: NodeJS.ProcessEnv, waitForReady = false): { ready: Promise<void>; stop(): Promise<void> } {
  let child: ChildProcess | null = null;
  let stopping = false;
  let markReady = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    if (!waitForReady) return resolve();
    setTimeout(() => reject(new Error(`the ${name} process did not start within 3 minutes`)), 180_000).unref();
  });
  const run = () => {
    child = spawn(process.execPath, ["--import", "tsx", path.join(root, entry)], { cwd: root, env, stdio: ["inherit", "inherit", "inherit", "ipc"] });
    child.on("message", (message) => message === "ready" && markReady());
    child.on("exit", (code, signal) => {
      if (stopping) return;
      say(`${name} exited (${signal ?? code}); restarting in 1 s`);
      setTimeout(run, 1000).unref();
    });
  };
  run();
  return {
    ready,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (!child || child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Seeds the demo data in a process of its own (prisma/seed.ts): the thousands
 * of rows it writes grow a heap (and Prisma's WebAssembly memory, which never
 * shrinks) that this long-lived process would otherwise keep for good.
 */
function seedInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "prisma/seed.ts")], { cwd: root, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding the demo data failed (exit ${code})`))));
  });
}

/**
 * This process holds every agent's long poll, so its live heap grows with the
 * fleet (bench/agents-10k.ts prints the cost per poll: 8–13 KB so far). V8's default
 * lets the heap grow to 2–4 times the live size before a full collection: with
 * 10,000 polls waiting that was 490–630 MB RSS; at 1.3 times it stays under
 * 390 MB, and 2,000 heartbeats/s keep their p99 (bench/heartbeat.ts).
 */
function keepHeapNearLiveSize(): void {
  v8.setFlagsFromString("--heap-growing-percent=30");
}

/** Starts everything from process.env's settings; the worker inherits them. */
export async function start(): Promise<{ stop(): Promise<void> }> {
  const startedAt = Date.now();
  const config = loadConfig(process.env);
  keepHeapNearLiveSize();
  if (!(await portIsFree(config.port))) throw new ConfigError("PORT", `${config.port} is already in use; set PORT to a free port`);

  const database = await prepareDatabase(config);
  say(database.embedded ? `embedded PostgreSQL under ${config.dataDir}` : `using DATABASE_URL`);
  process.env.DATABASE_URL = database.url;
  if (!process.env.NEXTAUTH_URL && config.databaseUrl) {
    say(`warning: NEXTAUTH_URL is unset; sign-in links assume http://localhost:${config.port}. Set it to the URL people open (https://…) behind a load balancer`);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${config.port}`;

  let server: http.Server | null = null;
  let web: ReturnType<typeof supervise> | null = null;
  let socketDir: string | null = null;
  let worker: { stop(): Promise<void> } | null = null;
  // Stuck releases are this node's to report: the workers may be the ones gone.
  const stuckWatch = watchStuckReleases();
  const stop = async () => {
    stuckWatch.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server?.closeAllConnections();
    await Promise.all([web?.stop(), worker?.stop()]);
    if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
    await closeHeartbeatDb();
    await disconnect();
    await database.embedded?.stop();
  };

  try {
    process.env.NEXTAUTH_SECRET = await sharedAuthSecret(config);
    await ensureFirstAdmin(config, say);
    const demo = shouldSeed(config, database);
    if (demo) await seedInChild();
    if (buildIsStale()) {
      say("building the dashboard (on the first start and after code changes)…");
      build();
    }
    // Next.js runs in a child of its own; this process answers the agents, webhooks and
    // /metrics itself and passes everything else on (server/web.ts, server/proxy.ts).
    // In a directory only this user can enter (mkdtemp makes it 0700): no other local user can
    // reach the socket, which the child trusts for the client's address, or plant a file in its place.
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-"));
    const webSocket = path.join(socketDir, "web.sock");
    web = supervise("web", "server/web.ts", { ...process.env, SHIPBOARD_WEB_SOCKET: webSocket }, true);
    await web.ready;
    server = await startHttpServer(config.port, [inputGuard, agentRoute, webhookRoute, metricsRoute], proxyTo(webSocket));
    // The live demo feed touches demo pipelines only; it runs wherever demo data may live.
    const feed = config.demo ?? database.embedded !== null;
    // The worker runs as a child process so ticks never compete with requests for the event loop.
    worker = supervise("worker", "worker/index.ts", { ...process.env, SHIPBOARD_DEMO_FEED: feed ? "1" : "0" });
  } catch (error) {
    await stop();
    throw error;
  }
  say(`ready on http://localhost:${config.port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return { stop };
}

async function main() {
  let running: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await running?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Started with an IPC channel (the cluster test): when that parent dies, even by SIGKILL, stop too.
  process.once("disconnect", () => void shutdown("parent gone"));
  try {
    running = await start();
  } catch (error) {
    console.error(`shipboard: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
