#!/usr/bin/env node
// shipboard-agent: runs on each host of an `agents` pipeline (SPEC "Agents").
// It long-polls the heartbeat endpoint, runs --switch when told another
// release, reports health, and keeps going while the server is away.
// Plain Node, no dependencies.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { backoffMs } from "./backoff.mjs";

const USAGE = `usage: shipboard-agent --url URL --token TOKEN --pipeline SLUG --switch "CMD"
       [--host NAME] [--health "CMD" | --health-url URL] [--wait SECONDS] [--state FILE]

  --switch      run when the host should switch; {release} {build} {commit} are
                replaced, and SHIPBOARD_RELEASE, SHIPBOARD_RELEASE_NUMBER,
                SHIPBOARD_BUILD, SHIPBOARD_COMMIT, SHIPBOARD_PIPELINE are set
  --health      healthy while this command exits 0 (else: the last switch succeeded)
  --health-url  healthy while this URL answers 2xx
  --wait        long-poll length in seconds (default 25, at most 30)
  --state       file that remembers the release this host runs across restarts`;

const { values: opts } = parseArgs({
  options: {
    url: { type: "string" }, token: { type: "string" }, pipeline: { type: "string" }, host: { type: "string" },
    switch: { type: "string" }, health: { type: "string" }, "health-url": { type: "string" },
    wait: { type: "string" }, state: { type: "string" }, help: { type: "boolean" },
  },
});
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const missing = ["url", "token", "pipeline", "switch"].filter((name) => !opts[name]);
if (missing.length > 0 || (opts.health && opts["health-url"])) {
  console.error(missing.length > 0 ? `shipboard-agent: missing --${missing.join(", --")}` : "shipboard-agent: give --health or --health-url, not both");
  console.error(USAGE);
  process.exit(2);
}
const wait = Math.min(30, Math.max(0, Number(opts.wait ?? 25)));
const host = opts.host ?? os.hostname();
const endpoint = new URL("/api/agent/heartbeat", opts.url).toString();
const say = (line) => console.log(`shipboard-agent ${host}: ${line}`);

let running = readState();
let switchHealthy = true;
let stopping = false;
const inFlight = new AbortController();

function readState() {
  if (!opts.state) return null;
  try {
    return JSON.parse(readFileSync(opts.state, "utf8")).release ?? null;
  } catch {
    return null;
  }
}

function writeState(release) {
  if (opts.state) writeFileSync(opts.state, JSON.stringify({ release }));
}

const sleep = (ms) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    inFlight.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

const quote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

function run(command, env) {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", command], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", () => resolve(127));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function healthy() {
  if (opts.health) return (await run(opts.health, {})) === 0;
  if (opts["health-url"]) {
    try {
      const response = await fetch(opts["health-url"], { signal: AbortSignal.timeout(5000) });
      return response.ok;
    } catch {
      return false;
    }
  }
  return switchHealthy;
}

/** Runs the switch command for `release`; one at a time (the loop awaits it), one log line each. */
async function switchTo(release) {
  const started = Date.now();
  const values = { release: release.id, build: release.buildNumber ?? "", commit: release.commitSha };
  const command = opts.switch.replace(/\{(release|build|commit)\}/g, (_, key) => quote(values[key]));
  const code = await run(command, {
    SHIPBOARD_PIPELINE: opts.pipeline,
    SHIPBOARD_RELEASE: String(release.id),
    SHIPBOARD_RELEASE_NUMBER: String(release.number),
    SHIPBOARD_BUILD: String(release.buildNumber ?? ""),
    SHIPBOARD_COMMIT: release.commitSha,
  });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const what = `release #${release.number} (build ${release.buildNumber ?? "?"}, ${release.commitSha.slice(0, 7)})`;
  if (code === 0) {
    running = release.id;
    switchHealthy = true;
    writeState(running);
    say(`switched to ${what} in ${took}`);
  } else {
    switchHealthy = false;
    say(`switch to ${what} failed with exit code ${code} after ${took}; retrying`);
  }
  return code === 0;
}

async function heartbeat() {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { Authorization: `Bearer ${opts.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: opts.pipeline, host, release: running, healthy: await healthy(), wait }),
    signal: AbortSignal.any([inFlight.signal, AbortSignal.timeout((wait + 15) * 1000)]),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(body?.error?.message ?? `HTTP ${response.status}`), { status: response.status });
  return body;
}

async function main() {
  say(`polling ${endpoint} for pipeline ${opts.pipeline}${running ? `, running release ${running}` : ""}`);
  let failures = 0;
  while (!stopping) {
    let answer;
    try {
      answer = await heartbeat();
    } catch (error) {
      if (stopping) break;
      if (failures === 0) say(`server unreachable or refusing (${error.status ?? error.cause?.code ?? error.message}); retrying with backoff`);
      failures += 1;
      await sleep(backoffMs(failures));
      continue;
    }
    if (failures > 0) say(`server back after ${failures} failed ${failures === 1 ? "try" : "tries"}`);
    failures = 0;
    if (answer.release && answer.release.id !== running) {
      // A failed switch is retried after a pause, never in a tight loop.
      if (!(await switchTo(answer.release))) await sleep(5000 + Math.random() * 5000);
      continue; // report the outcome at once
    }
    if (wait === 0) await sleep(answer.next * 1000);
  }
  say("stopped");
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    // A switch already running finishes (the loop awaits it); the poll in flight ends now.
    stopping = true;
    inFlight.abort();
  });
}

await main();
