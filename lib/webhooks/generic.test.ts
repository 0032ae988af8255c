import { describe, expect, it } from "vitest";
import { SECRET, expectBuild, fixture, fixtureText, sha256Signature } from "./fixtures";
import { parse, verify } from "./generic";
import { WebhookPayloadError } from "./types";

const body = fixtureText("generic", "passed");
const signed = (sig: string) => new Headers({ "X-Shipboard-Signature": sig });
const NOW = new Date("2024-05-02T08:00:00Z");
const none = new Headers();

function errorOf(payload: unknown): WebhookPayloadError {
  try {
    parse(none, payload, NOW);
  } catch (error) {
    if (error instanceof WebhookPayloadError) return error;
    throw error;
  }
  throw new Error("expected a WebhookPayloadError");
}

const withField = (patch: Record<string, unknown>) => ({ ...fixture("generic", "passed"), ...patch });

describe("generic verify", () => {
  it("accepts X-Shipboard-Signature over the raw body", () => {
    expect(verify(signed(sha256Signature(body)), body, SECRET)).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    expect(verify(signed(sha256Signature(body, "other")), body, SECRET).ok).toBe(false);
  });

  it("rejects a body changed after signing", () => {
    expect(verify(signed(sha256Signature(body)), body.replace("passed", "failed"), SECRET).ok).toBe(false);
  });

  it("rejects a request without X-Shipboard-Signature", () => {
    expect(verify(none, body, SECRET)).toEqual({ ok: false, reason: "missing X-Shipboard-Signature header" });
  });

  it("rejects everything when no secret is configured", () => {
    expect(verify(signed(sha256Signature(body, "")), body, "").ok).toBe(false);
  });

  it("agrees with the openssl recipe in the README", () => {
    // printf '%s' '{"externalId":"1"}' | openssl dgst -sha256 -hmac 's3cr3t-webhook-token' -hex
    expect(sha256Signature('{"externalId":"1"}')).toBe("sha256=137053893b762802b79e9a91c88f53884db67de36ea508e09cdb2d35e3c8c01c");
  });
});

describe("generic parse", () => {
  it("reads the documented shape and normalizes the repository", () => {
    expect(expectBuild(parse(none, fixture("generic", "passed"), NOW))).toEqual({
      provider: "generic",
      externalId: "ci-run-8812",
      attempt: 1,
      workflow: null,
      number: 412,
      commitSha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
      message: "Fix login redirect",
      author: "Ada Lovelace",
      branch: "main",
      url: "https://ci.example.com/runs/8812",
      state: "passed",
      createdAt: new Date("2024-05-01T12:00:00Z"),
      startedAt: new Date("2024-05-01T12:00:07Z"),
      finishedAt: new Date("2024-05-01T12:09:41Z"),
      committedAt: new Date("2024-05-01T09:58:30Z"),
      repository: "acme/web",
      pullRequest: null,
    });
  });

  it("accepts the minimal shape: numeric id, short upper-case sha, refs/heads/ branch, createdAt = receipt time", () => {
    expect(expectBuild(parse(none, fixture("generic", "minimal"), NOW))).toEqual({
      provider: "generic",
      externalId: "8813",
      attempt: 1,
      workflow: null,
      number: null,
      commitSha: "3484a3fb",
      message: null,
      author: null,
      branch: "main",
      url: null,
      state: "running",
      createdAt: NOW,
      startedAt: null,
      finishedAt: null,
      committedAt: null,
      repository: "acme/web",
      pullRequest: null,
    });
  });

  it("requires the repository: it is what finds the pipeline (SPEC: ?pipeline= only when it matches)", () => {
    expect(() => parse(none, withField({ repository: undefined }), NOW)).toThrow(expect.objectContaining({ field: "repository", message: "repository is required" }));
  });

  it("uses startedAt as createdAt when only startedAt is given", () => {
    const build = expectBuild(parse(none, withField({ createdAt: undefined }), NOW));
    expect(build.createdAt).toEqual(new Date("2024-05-01T12:00:07Z"));
  });

  it("reads a build number sent as a string", () => {
    expect(expectBuild(parse(none, withField({ number: "77" }), NOW)).number).toBe(77);
  });

  it("keeps unicode in message and author", () => {
    const build = expectBuild(parse(none, withField({ message: "デプロイ 🚢 שלום", author: "Łukasz 🧑‍🚀" }), NOW));
    expect(build).toMatchObject({ message: "デプロイ 🚢 שלום", author: "Łukasz 🧑‍🚀" });
  });

  it("names the missing required field", () => {
    const { commitSha: _omit, ...rest } = fixture("generic", "passed");
    void _omit;
    expect(errorOf(rest)).toMatchObject({ field: "commitSha", message: "commitSha is required" });
  });

  it("lists the allowed states for an unknown state", () => {
    expect(errorOf(withField({ state: "success" }))).toMatchObject({
      field: "state",
      message: "state must be one of scheduled, running, passed, failed, canceled",
    });
  });

  it("rejects malformed fields with field-level messages", () => {
    expect(errorOf(withField({ commitSha: "not-a-sha" }))).toMatchObject({ field: "commitSha" });
    expect(errorOf(withField({ url: "javascript:alert(1)" }))).toMatchObject({ field: "url", message: "url must be an http(s) URL" });
    expect(errorOf(withField({ createdAt: "2024-02-31T00:00:00Z" }))).toMatchObject({ field: "createdAt" });
    expect(errorOf(withField({ repository: "no repo here" }))).toMatchObject({ field: "repository" });
    expect(errorOf(withField({ number: -1 }))).toMatchObject({ field: "number" });
    expect(errorOf(withField({ externalId: "" }))).toMatchObject({ field: "externalId" });
    expect(errorOf(withField({ branch: "refs/heads/" }))).toMatchObject({ field: "branch" });
    expect(errorOf(withField({ message: 42 }))).toMatchObject({ field: "message", message: "message must be a string" });
  });

  it("rejects a body that is not an object", () => {
    for (const payload of [null, [], "build", 42]) {
      expect(errorOf(payload)).toMatchObject({ field: "body" });
    }
  });

  it("records the pull request a build names, and refuses a link that is not http(s)", () => {
    const pr = { number: 42, url: "https://github.com/acme/web/pull/42" };
    expect(expectBuild(parse(none, withField({ pullRequest: pr }), NOW)).pullRequest).toEqual(pr);
    expect(expectBuild(parse(none, withField({ pullRequest: { number: 42 } }), NOW)).pullRequest).toEqual({ number: 42, url: null });
    expect(errorOf(withField({ pullRequest: { number: 42, url: "javascript:alert(1)" } }))).toMatchObject({ field: "pullRequest.url" });
    expect(errorOf(withField({ pullRequest: { number: 0 } }))).toMatchObject({ field: "pullRequest.number" });
  });
});
