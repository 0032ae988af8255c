// Hostile input: parse may only return a well-formed result or throw WebhookPayloadError,
// and verify may only return a Verification. Seeded, so a failure reproduces.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECRET, expectWellFormed, fixture } from "./fixtures";
import { providers } from "./index";
import { WebhookPayloadError, type ParsedEvent, type Provider } from "./types";

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "build", "id", "number", "state", "commit", "branch", "created_at", "started_at", "finished_at", "blocked",
  "meta_data", "pipeline", "repository", "pull_request", "workflow_run", "check_suite", "status", "conclusion",
  "head_sha", "head_branch", "run_attempt", "head_commit", "head_repository", "object_kind", "object_attributes",
  "merge_request", "builds", "commit", "sha", "ref", "queued_duration", "duration", "externalId", "commitSha",
  "createdAt", "url", "message", "author", "__proto__", "constructor", "toString",
];
const STRINGS = [
  "", " ", "passed", "failed", "running", "blocked", "success", "completed", "action_required", "pipeline",
  "constructor", "__proto__", "hasOwnProperty", "javascript:alert(1)", "https://example.com/x", "2020-02-31T00:00:00Z",
  "2016-08-12 15:23:28 UTC", "2024-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0", "-1", "1e309", "NaN", "\u0000",
  "\ud800", "🚀 مرحبا 修复", "abcd0b72a1e580e90712cdd9eb26d3fb41cd09c8", "git@github.com:acme/web.git", "x".repeat(100_000),
];
const NUMBERS = [0, -0, 1, -1, 1.5, 2 ** 53 + 2, -(2 ** 60), 1e308, -1e-308, 42];

function junk(rand: () => number, depth = 0): unknown {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const r = rand();
  if (depth > 3 || r < 0.15) return pick([null, true, false]);
  if (r < 0.35) return pick(NUMBERS);
  if (r < 0.6) return pick(STRINGS);
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(rand, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) object[pick(KEYS)] = junk(rand, depth + 1);
  return object;
}

/** Replaces, deletes or retypes fields of a real payload, at any depth. */
function mutate(value: unknown, rand: () => number): unknown {
  if (rand() < 0.08) return junk(rand);
  if (Array.isArray(value)) return value.map((item) => mutate(item, rand));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (rand() < 0.05) continue;
    out[key] = mutate(child, rand);
  }
  return out;
}

function expectAllowed(run: () => ParsedEvent, label: string): void {
  let result: ParsedEvent;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof WebhookPayloadError)) throw new Error(`${label}: threw ${String(error)}`);
    expect(typeof error.message).toBe("string");
    return;
  }
  expect(["build", "ping", "ignored"]).toContain(result.kind);
  if (result.kind === "build") expectWellFormed(result.event);
}

const EVENT_HEADERS: Record<Provider, Headers[]> = {
  buildkite: ["build.finished", "build.scheduled", "build.running", "ping", "job.finished"].map((e) => new Headers({ "X-Buildkite-Event": e })),
  github: ["workflow_run", "check_suite", "ping", "push"].map((e) => new Headers({ "X-GitHub-Event": e })),
  gitlab: ["Pipeline Hook", "Job Hook"].map((e) => new Headers({ "X-Gitlab-Event": e })),
  generic: [new Headers()],
};

function fixtureNames(provider: Provider): string[] {
  return readdirSync(new URL(`./fixtures/${provider}/`, import.meta.url)).map((f) => f.replace(/\.json$/, ""));
}

describe.each(Object.keys(providers) as Provider[])("%s under hostile input", (provider) => {
  const { parse, verify } = providers[provider];

  it("never throws anything but WebhookPayloadError on random JSON", () => {
    const rand = prng(provider.length * 7919);
    for (let i = 0; i < 400; i++) {
      const value = JSON.parse(JSON.stringify(junk(rand) ?? null)) as unknown;
      for (const headers of EVENT_HEADERS[provider]) expectAllowed(() => parse(headers, value), `${provider} #${i}`);
    }
  });

  it("never throws anything but WebhookPayloadError on mutated fixtures", () => {
    const rand = prng(provider.length * 104729);
    const payloads = fixtureNames(provider).map((name) => fixture(provider, name));
    for (let i = 0; i < 300; i++) {
      const value = JSON.parse(JSON.stringify(mutate(payloads[i % payloads.length], rand) ?? null)) as unknown;
      for (const headers of EVENT_HEADERS[provider]) expectAllowed(() => parse(headers, value), `${provider} mutation #${i}`);
    }
  });

  it("never throws in verify on junk headers and bodies", () => {
    const rand = prng(provider.length * 31);
    const names = ["X-Buildkite-Signature", "X-Buildkite-Token", "X-Hub-Signature-256", "X-Gitlab-Token", "X-Shipboard-Signature"];
    for (let i = 0; i < 300; i++) {
      const headers = new Headers();
      for (const name of names) {
        // Header values are byte strings: keep Latin-1, drop control characters.
        const value = (JSON.stringify(junk(rand)) ?? "").replace(/[^\x20-\x7e\xa0-\xff]/g, "?").slice(0, 500);
        if (rand() < 0.5) headers.set(name, rand() < 0.5 ? value : value.replace(/^"|"$/g, ""));
      }
      if (rand() < 0.2) headers.set("X-Buildkite-Signature", `timestamp=${Math.floor(rand() * 1e12)},signature=${"a".repeat(64)}`);
      const body = JSON.stringify(junk(rand) ?? null);
      const result = verify(headers, body, rand() < 0.1 ? "" : SECRET, new Date());
      expect(result.ok === true || typeof (result as { reason?: unknown }).reason === "string").toBe(true);
    }
  });
});
