/**
 * SPEC/issue target: at least 500 signed Buildkite events/s ingested on this
 * 2-core machine. Run: `npx tsx bench/webhooks.ts` (starts its own server).
 * Every event is a new build (unique id) with a valid signature, so each one
 * is verified, parsed and upserted. Baseline in the same run: GET /api/health.
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import { startBenchServer } from "./lib/server";
import { E2E_ADMIN_TOKEN, E2E_WEBHOOK_SECRET } from "../e2e/env";

const SECONDS = Number(process.env.SECONDS ?? 15);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const template = JSON.parse(fs.readFileSync("lib/webhooks/fixtures/buildkite/build-finished-passed.json", "utf8"));

function signedEvent(n: number) {
  template.build.id = `bench-${process.pid}-${n}`;
  template.build.number = n;
  const body = JSON.stringify(template);
  const t = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", E2E_WEBHOOK_SECRET).update(`${t}.${body}`).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-buildkite-event": "build.finished",
      "x-buildkite-signature": `timestamp=${t},signature=${signature}`,
    },
  };
}

function run(options: autocannon.Options) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const server = await startBenchServer(Number(process.env.BENCH_PORT ?? 3201));
try {
  await fetch(`${server.baseUrl}/api/pipelines`, {
    method: "POST",
    headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ slug: "ingest", name: "Ingest", repository: "my-great-org/my-pipeline", target: { kind: "simulated", hosts: 4 } }),
  });
  let n = 0;
  const events = await run({
    url: `${server.baseUrl}/api/webhooks/buildkite?pipeline=ingest`,
    method: "POST",
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, ...signedEvent(++n) }) }],
  });
  const baseline = await run({ url: `${server.baseUrl}/api/health`, connections: CONNECTIONS, duration: 5 });

  const line = (label: string, r: autocannon.Result) =>
    `${label.padEnd(40)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}`;
  console.log(`\nwebhook ingest, ${CONNECTIONS} connections, ${SECONDS} s (target: >= 500 events/s)`);
  console.log(line("POST /api/webhooks/buildkite (signed)", events));
  console.log(line("baseline: GET /api/health", baseline));
} finally {
  await server.stop();
}
