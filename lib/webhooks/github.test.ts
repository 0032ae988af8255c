import { describe, expect, it } from "vitest";
import { SECRET, expectBuild, fixture, fixtureText, sha256Signature } from "./fixtures";
import { parse, verify } from "./github";
import { WebhookPayloadError } from "./types";

const body = fixtureText("github", "workflow_run-completed-success");
const signed = (sig: string) => new Headers({ "X-Hub-Signature-256": sig });
const event = (name: string) => new Headers({ "X-GitHub-Event": name });
const run = (name: string) => parse(event("workflow_run"), fixture("github", name));

function withRun(name: string, patch: Record<string, unknown>) {
  const payload = fixture("github", name);
  Object.assign(payload.workflow_run as Record<string, unknown>, patch);
  return parse(event("workflow_run"), payload);
}

describe("github verify", () => {
  it("accepts X-Hub-Signature-256 over the raw body", () => {
    expect(verify(signed(sha256Signature(body)), body, SECRET)).toEqual({ ok: true });
  });

  it("accepts an upper-case hex digest", () => {
    expect(verify(signed(sha256Signature(body).toUpperCase().replace("SHA256=", "sha256=")), body, SECRET).ok).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    expect(verify(signed(sha256Signature(body, "other")), body, SECRET)).toEqual({
      ok: false,
      reason: "X-Hub-Signature-256 does not match the body",
    });
  });

  it("rejects a body changed after signing", () => {
    expect(verify(signed(sha256Signature(body)), body.replace("success", "failure"), SECRET).ok).toBe(false);
  });

  it("rejects a request without X-Hub-Signature-256", () => {
    expect(verify(new Headers({ "X-Hub-Signature": "sha1=abc" }), body, SECRET)).toEqual({
      ok: false,
      reason: "missing X-Hub-Signature-256 header",
    });
  });

  it("rejects a malformed signature without throwing", () => {
    for (const header of ["abc", "sha256=", "sha256=xyz", `sha1=${"a".repeat(64)}`, `sha256=${"a".repeat(65)}`]) {
      expect(verify(signed(header), body, SECRET).ok).toBe(false);
    }
  });

  it("rejects everything when no secret is configured", () => {
    expect(verify(signed(sha256Signature(body, "")), body, "").ok).toBe(false);
  });
});

describe("github parse: workflow_run", () => {
  it("reads every field of a successful completed run", () => {
    expect(expectBuild(run("workflow_run-completed-success"))).toEqual({
      provider: "github",
      externalId: "289782451",
      attempt: 1,
      workflow: "test",
      number: 112,
      commitSha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
      message: "build(test): check workflow run event payload",
      author: "Matthias Fax",
      branch: "master",
      url: "https://github.com/octo-org/octo-repo/actions/runs/289782451",
      state: "passed",
      createdAt: new Date("2020-10-05T16:33:24Z"),
      startedAt: new Date("2020-10-05T16:33:24Z"),
      finishedAt: new Date("2020-10-05T16:41:02Z"),
      committedAt: new Date("2020-10-05T16:32:07Z"),
      repository: "octo-org/octo-repo",
      pullRequest: null,
    });
  });

  it("records a requested run as scheduled with no start or finish time", () => {
    expect(expectBuild(run("workflow_run-requested"))).toMatchObject({ state: "scheduled", startedAt: null, finishedAt: null });
  });

  it("records an in-progress run as running without a finish time", () => {
    expect(expectBuild(run("workflow_run-in_progress"))).toMatchObject({ state: "running", finishedAt: null });
  });

  it("records failure, cancelled, skipped and neutral conclusions", () => {
    expect(expectBuild(run("workflow_run-completed-failure")).state).toBe("failed");
    expect(expectBuild(run("workflow_run-completed-cancelled")).state).toBe("canceled");
    expect(expectBuild(run("workflow_run-completed-skipped")).state).toBe("canceled");
    expect(expectBuild(run("workflow_run-completed-neutral")).state).toBe("passed");
  });

  it("maps every conclusion per SPEC: success and neutral pass", () => {
    const expected = {
      success: "passed", failure: "failed", timed_out: "failed", startup_failure: "failed", cancelled: "canceled",
      skipped: "canceled", neutral: "passed", stale: "canceled", action_required: "scheduled",
    };
    for (const [conclusion, state] of Object.entries(expected)) {
      const build = expectBuild(withRun("workflow_run-completed-success", { conclusion }));
      expect([conclusion, build.state]).toEqual([conclusion, state]);
    }
  });

  it("keeps a run waiting for approval (action_required) open so that it can still pass", () => {
    expect(expectBuild(withRun("workflow_run-completed-success", { conclusion: "action_required" }))).toMatchObject({
      state: "scheduled",
      finishedAt: null,
    });
  });

  it("treats a run waiting (approval, concurrency) or queued as scheduled", () => {
    expect(expectBuild(withRun("workflow_run-in_progress", { status: "waiting" })).state).toBe("scheduled");
    expect(expectBuild(withRun("workflow_run-in_progress", { status: "queued" })).state).toBe("scheduled");
  });

  it("records a re-run as a new attempt of the same build that keeps the first attempt's createdAt", () => {
    const first = expectBuild(run("workflow_run-completed-success"));
    const rerun = expectBuild(run("workflow_run-rerun-attempt-2"));
    expect(rerun).toMatchObject({ externalId: "289782451", attempt: 2 });
    expect(rerun.commitSha).toBe(first.commitSha);
    expect(rerun.number).toBe(first.number);
    expect(rerun.createdAt).toEqual(first.createdAt);
    expect(rerun.startedAt).toEqual(new Date("2020-10-05T17:10:00Z"));
  });

  it("gives every attempt of a run the same externalId", () => {
    expect(expectBuild(run("workflow_run-rerun-attempt-2")).externalId).toBe(expectBuild(run("workflow_run-completed-success")).externalId);
    expect(expectBuild(withRun("workflow_run-completed-success", { run_attempt: 1 })).externalId).toBe("289782451");
  });

  it("records a new run of the same commit as a separate, newer build", () => {
    const first = expectBuild(run("workflow_run-completed-success"));
    const second = expectBuild(run("workflow_run-new-run-same-commit"));
    expect(second).toMatchObject({ externalId: "289790001", number: 113, commitSha: first.commitSha });
    expect(second.createdAt.getTime()).toBeGreaterThan(first.createdAt.getTime());
  });

  it("links a run to the first pull request GitHub lists for its commit, on the repository's web page", () => {
    const pulls = [{ url: "https://api.github.com/repos/octo-org/octo-repo/pulls/7", number: 7 }];
    expect(expectBuild(withRun("workflow_run-completed-success", { pull_requests: pulls })).pullRequest).toEqual({
      number: 7,
      url: "https://github.com/octo-org/octo-repo/pull/7",
    });
  });

  it("ignores a run of a fork's branch even when it is named like ours", () => {
    expect(run("workflow_run-fork-pull-request")).toEqual({
      kind: "ignored",
      reason: "workflow run of a branch in another repository (fork)",
    });
  });

  it("ignores a run without a head branch", () => {
    expect(withRun("workflow_run-completed-success", { head_branch: null }).kind).toBe("ignored");
  });

  it("fills missing optional fields with null", () => {
    expect(expectBuild(run("workflow_run-minimal"))).toMatchObject({
      externalId: "301", number: null, message: null, author: null, url: null, startedAt: null,
      finishedAt: null, committedAt: null, repository: null, state: "passed",
    });
  });

  it("keeps unicode in the head commit message", () => {
    const message = "修复 🐛 in الدفع flow 👩🏽‍💻";
    const payload = fixture("github", "workflow_run-completed-success");
    ((payload.workflow_run as Record<string, unknown>).head_commit as Record<string, unknown>).message = message;
    expect(expectBuild(parse(event("workflow_run"), payload)).message).toBe(message);
  });

  it("reads ids and numbers sent as strings", () => {
    expect(expectBuild(withRun("workflow_run-completed-success", { id: "289782451", run_number: "112", run_attempt: "3" }))).toMatchObject({
      externalId: "289782451",
      attempt: 3,
      number: 112,
    });
  });

  it("rejects a completed run without a known conclusion, naming the field", () => {
    expect(() => withRun("workflow_run-completed-success", { conclusion: null })).toThrow(
      expect.objectContaining({ field: "workflow_run.conclusion" }),
    );
    expect(() => withRun("workflow_run-completed-success", { conclusion: "constructor" })).toThrow(WebhookPayloadError);
  });

  it("rejects a run without head_sha", () => {
    expect(() => withRun("workflow_run-completed-success", { head_sha: undefined })).toThrow(
      expect.objectContaining({ field: "workflow_run.head_sha" }),
    );
  });
});

describe("github parse: check_suite and other events", () => {
  it("records a completed check suite with a checks URL and a prefixed id", () => {
    expect(expectBuild(parse(event("check_suite"), fixture("github", "check_suite-completed")))).toEqual({
      provider: "github",
      externalId: "check_suite:118578147",
      attempt: 1,
      workflow: "octocoders-linter",
      number: null,
      commitSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      message: "Update README.md",
      author: "Codertocat",
      branch: "changes",
      url: "https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821/checks?check_suite_id=118578147",
      state: "passed",
      createdAt: new Date("2019-05-15T15:20:31Z"),
      startedAt: null,
      finishedAt: new Date("2019-05-15T15:21:14Z"),
      committedAt: new Date("2019-05-15T15:20:30Z"),
      repository: "codertocat/hello-world",
      pullRequest: null,
    });
  });

  it("links a check suite to its pull request on the repository's web page (GitHub gives the API URL only)", () => {
    const payload = fixture("github", "check_suite-completed");
    (payload.check_suite as Record<string, unknown>).pull_requests = [{ url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2", number: 2 }];
    expect(expectBuild(parse(event("check_suite"), payload)).pullRequest).toEqual({ number: 2, url: "https://github.com/Codertocat/Hello-World/pull/2" });
  });

  it("records a requested or re-requested check suite as scheduled", () => {
    expect(expectBuild(parse(event("check_suite"), fixture("github", "check_suite-requested"))).state).toBe("scheduled");
    const payload = fixture("github", "check_suite-requested");
    payload.action = "rerequested";
    delete (payload.check_suite as Record<string, unknown>).status;
    expect(expectBuild(parse(event("check_suite"), payload)).state).toBe("scheduled");
  });

  it("answers ping with ping and ignores other events", () => {
    expect(parse(event("ping"), fixture("github", "ping"))).toEqual({ kind: "ping", repository: "codertocat/hello-world" });
    expect(parse(event("push"), fixture("github", "push"))).toEqual({ kind: "ignored", reason: 'GitHub event "push" is not recorded' });
  });

  it("rejects a delivery without X-GitHub-Event", () => {
    expect(() => parse(new Headers(), fixture("github", "ping"))).toThrow(expect.objectContaining({ field: "X-GitHub-Event" }));
  });
});
