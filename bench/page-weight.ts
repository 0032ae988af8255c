/**
 * Page weight and first load of the dashboard (SPEC "Performance targets":
 * overview JavaScript under 200 KB gzipped, first load under 1 s on localhost).
 *
 * Run after `npm run build`: `npx tsx bench/page-weight.ts`. Starts the server
 * the way the e2e suite does (e2e/serve.ts: fresh embedded database, demo data,
 * one user per role) on its own port, loads each page in Chromium in a fresh
 * context (cold cache) and sums the gzipped size of every script it loads.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "../e2e/browser";
import { E2E_ADMIN_TOKEN, E2E_USERS } from "../e2e/env";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const BASE = `http://localhost:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "..");
const JS_TARGET_KB = 200;
const LOAD_TARGET_MS = 1000;
const LOAD_RUNS = 7;
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/serve.ts"], {
    cwd: ROOT,
    env: { ...process.env, E2E_PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stopped = new Promise((resolve) => child.once("exit", resolve));
  return { stop: async () => (child.kill("SIGTERM"), await stopped), exited: stopped };
}

async function waitForHealth(exited: Promise<unknown>) {
  const deadline = Date.now() + 240_000;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    const ok = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(gone ? "the server exited before it was ready" : "the server was not ready within 4 minutes");
}

async function signedInState(browser: Browser): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await page.getByLabel("Password").fill(E2E_USERS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Gzipped bytes of every script a cold load of `url` fetches. */
async function scriptBytes(browser: Browser, state: StorageState, url: string): Promise<number> {
  const context = await browser.newContext({ baseURL: BASE, storageState: state });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    sizes.push(response.body().then((body) => zlib.gzipSync(body).length, () => 0));
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return total;
}

/** Milliseconds from navigation start to the load event of a cold load. */
async function loadMs(browser: Browser, state: StorageState, url: string): Promise<number> {
  const context = await browser.newContext({ baseURL: BASE, storageState: state });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const ms = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
  await context.close();
  return ms;
}

async function pagesToWeigh(): Promise<[string, string][]> {
  const web = await (await fetch(`${BASE}/api/pipelines/web`, { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } })).json();
  return [
    ["overview", "/"],
    ["pipeline", "/pipelines/web"],
    ["release", `/releases/${web.currentRelease.id}`],
    ["build", `/builds/${web.currentRelease.build.id}`],
    ["metrics", "/metrics"],
    ["audit", "/audit"],
  ];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "ok" : "OVER");

async function main() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) console.log("no production build yet: the server builds it first (slow)");
  const server = startServer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
  try {
    await waitForHealth(server.exited);
    const state = await signedInState(browser);
    const pages = await pagesToWeigh();
    console.log(`page        JS gzipped   target`);
    const weights: Record<string, number> = {};
    for (const [name, url] of pages) {
      weights[name] = await scriptBytes(browser, state, url);
      const target = name === "overview" ? `< ${JS_TARGET_KB} KB  ${verdict(weights[name] < JS_TARGET_KB * 1024)}` : "";
      console.log(`${name.padEnd(11)} ${kb(weights[name]).padStart(10)}   ${target}`);
    }
    await loadMs(browser, state, "/"); // warm the server's caches once; a person's first load hits a running server too
    const loads: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(await loadMs(browser, state, "/"));
    loads.sort((a, b) => a - b);
    const median = loads[Math.floor(loads.length / 2)]!;
    const worst = loads.at(-1)!;
    console.log(
      `overview first load (cold browser cache, load event): median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms of ${LOAD_RUNS}   target < ${LOAD_TARGET_MS} ms  ${verdict(median < LOAD_TARGET_MS)}`,
    );
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", "page-weight.json"), JSON.stringify({ at: new Date().toISOString(), weights, loads }, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`page-weight: ${(error as Error).message}`);
  process.exit(1);
});
