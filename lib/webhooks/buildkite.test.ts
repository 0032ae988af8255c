import { describe, expect, it } from "vitest";
import { parse, verify } from "./buildkite";
import { SECRET, buildkiteSignature, expectBuild, fixture, fixtureText } from "./fixtures";
import { WebhookPayloadError } from "./types";

const NOW = new Date("2024-05-01T12:00:00Z");
const body = fixtureText("buildkite", "build-finished-passed");
const signed = (sig: string) => new Headers({ "X-Buildkite-Signature": sig });
const event = (name: string) => new Headers({ "X-Buildkite-Event": name });
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("buildkite verify", () => {
  it("accepts a signature over timestamp.body made with the secret", () => {
    expect(verify(signed(buildkiteSignature(body, NOW)), body, SECRET, NOW)).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    const result = verify(signed(buildkiteSignature(body, NOW, "other")), body, SECRET, NOW);
    expect(result).toEqual({ ok: false, reason: "X-Buildkite-Signature does not match the body" });
  });

  it("rejects a body changed after signing", () => {
    const result = verify(signed(buildkiteSignature(body, NOW)), body.replace("passed", "failed"), SECRET, NOW);
    expect(result.ok).toBe(false);
  });

  it("rejects a request with neither a signature nor a token", () => {
    expect(verify(new Headers(), body, SECRET, NOW)).toEqual({
      ok: false,
      reason: "missing X-Buildkite-Signature or X-Buildkite-Token header",
    });
  });

  it("rejects a valid signature whose timestamp is more than 5 minutes old (replay)", () => {
    const result = verify(signed(buildkiteSignature(body, minutes(-5.1))), body, SECRET, NOW);
    expect(result).toEqual({ ok: false, reason: "signature timestamp outside the 5 minute replay window" });
  });

  it("rejects a timestamp more than 5 minutes in the future", () => {
    const result = verify(signed(buildkiteSignature(body, minutes(6))), body, SECRET, NOW);
    expect(result).toEqual({ ok: false, reason: "signature timestamp outside the 5 minute replay window" });
  });

  it("accepts a timestamp exactly 5 minutes old", () => {
    expect(verify(signed(buildkiteSignature(body, minutes(-5))), body, SECRET, NOW).ok).toBe(true);
  });

  it("accepts the secret sent as X-Buildkite-Token", () => {
    expect(verify(new Headers({ "X-Buildkite-Token": SECRET }), body, SECRET, NOW)).toEqual({ ok: true });
  });

  it("rejects a wrong X-Buildkite-Token, including one of another length", () => {
    expect(verify(new Headers({ "X-Buildkite-Token": "nope" }), body, SECRET, NOW)).toEqual({
      ok: false,
      reason: "invalid X-Buildkite-Token",
    });
  });

  it("does not fall back to a right token when the signature is wrong", () => {
    const headers = new Headers({ "X-Buildkite-Signature": buildkiteSignature(body, NOW, "other"), "X-Buildkite-Token": SECRET });
    expect(verify(headers, body, SECRET, NOW).ok).toBe(false);
  });

  it("rejects a malformed signature header without throwing", () => {
    for (const header of ["", "garbage", "timestamp=abc,signature=00", "signature=zz", "timestamp=1,signature=" + "a".repeat(63)]) {
      expect(verify(signed(header), body, SECRET, NOW)).toEqual({ ok: false, reason: "malformed X-Buildkite-Signature header" });
    }
  });

  it("rejects everything when no secret is configured", () => {
    expect(verify(new Headers({ "X-Buildkite-Token": "" }), body, "", NOW).ok).toBe(false);
    expect(verify(signed(buildkiteSignature(body, NOW, "")), body, "", NOW).ok).toBe(false);
  });
});

describe("buildkite parse", () => {
  it("reads every field of a passed build.finished", () => {
    const build = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-passed")));
    expect(build).toEqual({
      provider: "buildkite",
      externalId: "f62a1b4d-10f9-4790-bc1c-e2c3a0c80983",
      attempt: 1,
      workflow: "my-pipeline",
      number: 1,
      commitSha: "abcd0b72a1e580e90712cdd9eb26d3fb41cd09c8",
      message: "Bumping to version 0.2-beta.6",
      author: "Keith Pitt",
      branch: "main",
      url: "https://buildkite.com/my-great-org/my-pipeline/builds/1",
      state: "passed",
      createdAt: new Date("2015-05-09T21:05:59.874Z"),
      startedAt: new Date("2015-05-09T21:06:10.120Z"),
      finishedAt: new Date("2015-05-09T21:12:41.503Z"),
      committedAt: null,
      repository: "my-great-org/my-pipeline",
      pullRequest: null,
    });
  });

  it("records a scheduled build with no start or finish time and keeps an unresolved HEAD commit", () => {
    const build = expectBuild(parse(event("build.scheduled"), fixture("buildkite", "build-scheduled")));
    expect(build).toMatchObject({ state: "scheduled", startedAt: null, finishedAt: null, commitSha: "HEAD" });
  });

  it("takes the resolved sha from meta_data when commit is HEAD", () => {
    const payload = fixture("buildkite", "build-scheduled");
    (payload.build as Record<string, unknown>).meta_data = { "buildkite:git:commit": "ABCD0B72A1E580E90712CDD9EB26D3FB41CD09C8" };
    expect(expectBuild(parse(event("build.scheduled"), payload)).commitSha).toBe("abcd0b72a1e580e90712cdd9eb26d3fb41cd09c8");
  });

  it("records a running build with its start time", () => {
    const build = expectBuild(parse(event("build.running"), fixture("buildkite", "build-running")));
    expect(build).toMatchObject({ state: "running", startedAt: new Date("2015-05-09T21:06:10.120Z"), finishedAt: null });
  });

  it("records failed and canceled builds as finished", () => {
    expect(expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-failed"))).state).toBe("failed");
    const canceled = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-canceled")));
    expect(canceled).toMatchObject({ state: "canceled", finishedAt: new Date("2015-05-09T21:12:41.503Z") });
  });

  it("treats a build blocked on a manual step as running, not finished", () => {
    const build = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-blocked")));
    expect(build).toMatchObject({ state: "running", finishedAt: null });
  });

  it("treats a blocked build as running even when its state says passed", () => {
    const payload = fixture("buildkite", "build-finished-blocked");
    (payload.build as Record<string, unknown>).state = "passed";
    expect(expectBuild(parse(event("build.finished"), payload)).state).toBe("running");
  });

  it("records a skipped build as canceled", () => {
    expect(expectBuild(parse(event("build.skipped"), fixture("buildkite", "build-skipped"))).state).toBe("canceled");
  });

  it("maps every documented Buildkite state", () => {
    const expected = {
      creating: "scheduled", scheduled: "scheduled", running: "running", failing: "running", canceling: "running",
      blocked: "running", passed: "passed", failed: "failed", timed_out: "failed", canceled: "canceled",
      skipped: "canceled", not_run: "canceled",
    };
    for (const [state, mapped] of Object.entries(expected)) {
      const payload = fixture("buildkite", "build-finished-passed");
      (payload.build as Record<string, unknown>).state = state;
      expect([state, expectBuild(parse(event("build.finished"), payload)).state]).toEqual([state, mapped]);
    }
  });

  it("derives the state from the event name when build.state is absent", () => {
    const payload = fixture("buildkite", "build-running");
    delete (payload.build as Record<string, unknown>).state;
    expect(expectBuild(parse(event("build.running"), payload)).state).toBe("running");
    expect(() => parse(event("build.finished"), payload)).toThrow(WebhookPayloadError);
  });

  it("records a rebuild of the same commit as a separate, newer build", () => {
    const first = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-passed")));
    const rebuild = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-rebuild")));
    expect(rebuild.commitSha).toBe(first.commitSha);
    expect(rebuild.externalId).not.toBe(first.externalId);
    expect(rebuild.number).toBe(2);
    expect(rebuild.createdAt.getTime()).toBeGreaterThan(first.createdAt.getTime());
  });

  it("keeps emoji, RTL and CJK text in messages, authors and branches", () => {
    const build = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-finished-unicode")));
    expect(build.message).toBe("🚀 Ship it — إصلاح تسجيل الدخول — 修复登录重定向 ✅\n\nCo-authored-by: Zoë <zoe@example.com>");
    expect(build.author).toBe("Zoë Ångström 🦊");
    expect(build.branch).toBe("feature/ünïcödé-分支");
  });

  it("ignores a pull request build from a fork, whatever its branch is called", () => {
    const result = parse(event("build.finished"), fixture("buildkite", "build-fork-pull-request"));
    expect(result.kind).toBe("ignored");
  });

  it("fills missing optional fields with null", () => {
    const build = expectBuild(parse(event("build.finished"), fixture("buildkite", "build-minimal")));
    expect(build).toMatchObject({ number: null, message: null, author: null, url: null, startedAt: null, finishedAt: null, repository: null });
  });

  it("reads numbers sent as strings and falls back to the creator's name", () => {
    const payload = fixture("buildkite", "build-finished-passed");
    const build = payload.build as Record<string, unknown>;
    build.number = "17";
    build.author = null;
    expect(expectBuild(parse(event("build.finished"), payload))).toMatchObject({ number: 17, author: "Keith Pitt" });
  });

  it("drops a web URL that is not http(s)", () => {
    const payload = fixture("buildkite", "build-finished-passed");
    (payload.build as Record<string, unknown>).web_url = "javascript:alert(1)";
    expect(expectBuild(parse(event("build.finished"), payload)).url).toBeNull();
  });

  it("answers ping with ping and ignores job and agent events", () => {
    expect(parse(event("ping"), fixture("buildkite", "ping"))).toEqual({ kind: "ping" });
    expect(parse(event("job.finished"), fixture("buildkite", "job-finished")).kind).toBe("ignored");
    expect(parse(event("agent.connected"), { event: "agent.connected", agent: {} }).kind).toBe("ignored");
  });

  it("uses body.event when the header is absent", () => {
    expect(expectBuild(parse(new Headers(), fixture("buildkite", "build-running"))).state).toBe("running");
  });

  it("rejects an unknown state and a missing build id with the field named", () => {
    const payload = fixture("buildkite", "build-finished-passed");
    (payload.build as Record<string, unknown>).state = "exploded";
    expect(() => parse(event("build.finished"), payload)).toThrow(expect.objectContaining({ field: "build.state" }));
    const noId = fixture("buildkite", "build-finished-passed");
    delete (noId.build as Record<string, unknown>).id;
    expect(() => parse(event("build.finished"), noId)).toThrow(expect.objectContaining({ field: "build.id", message: "build.id is required" }));
  });

  it("links a pull request build to the pull request on the repository's GitHub", () => {
    const payload = fixture("buildkite", "build-finished-passed");
    const address = "git@github.com:my-great-org/my-pipeline.git";
    (payload.pipeline as Record<string, unknown>).repository = address;
    (payload.build as Record<string, unknown>).pull_request = { id: "42", base: "main", repository: address };
    expect(expectBuild(parse(event("build.finished"), payload)).pullRequest).toEqual({ number: 42, url: "https://github.com/my-great-org/my-pipeline/pull/42" });
  });

  it("records no pull request for a number that is not a positive int", () => {
    const payload = fixture("buildkite", "build-finished-passed");
    (payload.build as Record<string, unknown>).pull_request = { id: "99999999999" };
    expect(expectBuild(parse(event("build.finished"), payload)).pullRequest).toBeNull();
  });
});
