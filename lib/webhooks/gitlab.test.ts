import { describe, expect, it } from "vitest";
import { SECRET, expectBuild, fixture, fixtureText } from "./fixtures";
import { parse, verify } from "./gitlab";

const body = fixtureText("gitlab", "pipeline-success");
const token = (value: string) => new Headers({ "X-Gitlab-Token": value });
const hook = new Headers({ "X-Gitlab-Event": "Pipeline Hook" });
const pipeline = (name: string) => parse(hook, fixture("gitlab", name));

function withAttrs(name: string, patch: Record<string, unknown>) {
  const payload = fixture("gitlab", name);
  Object.assign(payload.object_attributes as Record<string, unknown>, patch);
  return payload;
}

describe("gitlab verify", () => {
  it("accepts the secret token in X-Gitlab-Token", () => {
    expect(verify(token(SECRET), body, SECRET)).toEqual({ ok: true });
  });

  it("rejects a wrong token", () => {
    expect(verify(token("other"), body, SECRET)).toEqual({ ok: false, reason: "invalid X-Gitlab-Token" });
  });

  it("cannot detect a changed body: GitLab's token does not sign it", () => {
    expect(verify(token(SECRET), body.replace("success", "failed"), SECRET).ok).toBe(true);
  });

  it("rejects a request without X-Gitlab-Token", () => {
    expect(verify(hook, body, SECRET)).toEqual({ ok: false, reason: "missing X-Gitlab-Token header" });
  });

  it("rejects everything when no secret is configured", () => {
    expect(verify(token(""), body, "").ok).toBe(false);
  });
});

describe("gitlab parse", () => {
  it("reads every field of a successful pipeline, with GitLab's timestamp format", () => {
    expect(expectBuild(pipeline("pipeline-success"))).toEqual({
      provider: "gitlab",
      externalId: "31",
      attempt: 1,
      workflow: "Pipeline for branch: master",
      number: 3,
      commitSha: "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
      message: "test\n",
      author: "User",
      branch: "master",
      url: "http://example.com/gitlab-org/gitlab-test/-/pipelines/31",
      state: "passed",
      createdAt: new Date("2016-08-12T15:23:28Z"),
      // created_at + queued_duration (88 s)
      startedAt: new Date("2016-08-12T15:24:56Z"),
      finishedAt: new Date("2016-08-12T15:26:29Z"),
      committedAt: new Date("2016-08-12T15:23:21Z"),
      repository: "gitlab-org/gitlab-test",
      pullRequest: null,
    });
  });

  it("records a pending pipeline as scheduled", () => {
    expect(expectBuild(pipeline("pipeline-pending"))).toMatchObject({ state: "scheduled", startedAt: null, finishedAt: null });
  });

  it("records a running pipeline with the start its queued_duration implies", () => {
    expect(expectBuild(pipeline("pipeline-running"))).toMatchObject({
      state: "running",
      startedAt: new Date("2016-08-12T15:24:56Z"),
      finishedAt: null,
    });
  });

  it("records failed, canceled and skipped pipelines as finished", () => {
    expect(expectBuild(pipeline("pipeline-failed")).state).toBe("failed");
    expect(expectBuild(pipeline("pipeline-canceled")).state).toBe("canceled");
    expect(expectBuild(pipeline("pipeline-skipped"))).toMatchObject({ state: "canceled", finishedAt: new Date("2016-08-12T15:23:29Z") });
  });

  it("treats a pipeline waiting on a manual job as running", () => {
    expect(expectBuild(pipeline("pipeline-manual"))).toMatchObject({ state: "running", finishedAt: null });
  });

  it("maps every pipeline status", () => {
    const expected = {
      created: "scheduled", waiting_for_resource: "scheduled", preparing: "scheduled", pending: "scheduled",
      scheduled: "scheduled", running: "running", manual: "running", success: "passed", failed: "failed",
      canceled: "canceled", canceling: "canceled", skipped: "canceled",
    };
    for (const [status, state] of Object.entries(expected)) {
      const build = expectBuild(parse(hook, withAttrs("pipeline-success", { status })));
      expect([status, build.state]).toEqual([status, state]);
    }
  });

  it("records a tag pipeline with the tag name as its branch", () => {
    expect(expectBuild(pipeline("pipeline-tag"))).toMatchObject({ externalId: "32", branch: "v1.0.0", state: "passed" });
  });

  it("takes the earliest job start when queued_duration is absent", () => {
    const build = expectBuild(parse(hook, withAttrs("pipeline-success", { queued_duration: null })));
    expect(build.startedAt).toEqual(new Date("2016-08-12T15:24:56Z"));
  });

  it("derives the start from finished_at − duration only when nothing better is there", () => {
    const payload = withAttrs("pipeline-success", { queued_duration: null });
    delete payload.builds;
    expect(expectBuild(parse(hook, payload)).startedAt).toEqual(new Date("2016-08-12T15:25:26Z"));
  });

  it("ignores a merge request pipeline from a fork", () => {
    expect(pipeline("pipeline-fork-merge-request").kind).toBe("ignored");
  });

  it("ignores other GitLab events, by object_kind or by header", () => {
    expect(parse(new Headers({ "X-Gitlab-Event": "Job Hook" }), fixture("gitlab", "job-hook"))).toEqual({
      kind: "ignored",
      reason: 'GitLab event "build" is not recorded',
    });
    expect(parse(new Headers({ "X-Gitlab-Event": "Push Hook" }), {}).kind).toBe("ignored");
  });

  it("recognizes a pipeline by its header when object_kind is missing", () => {
    const payload = fixture("gitlab", "pipeline-success");
    delete payload.object_kind;
    expect(expectBuild(parse(hook, payload)).state).toBe("passed");
  });

  it("fills missing optional fields with null", () => {
    expect(expectBuild(pipeline("pipeline-minimal"))).toMatchObject({
      number: null, message: null, author: null, url: null, startedAt: null, finishedAt: null,
      committedAt: null, repository: null,
    });
  });

  it("keeps unicode in commit messages and authors", () => {
    const payload = fixture("gitlab", "pipeline-success");
    payload.commit = { id: "bcbb5ec396a2c0f828686f14fac9b80b780504f2", message: "Добавить 🚀 — 追加 — הוספה", author: { name: "Jürgen Ø" } };
    expect(expectBuild(parse(hook, payload))).toMatchObject({ message: "Добавить 🚀 — 追加 — הוספה", author: "Jürgen Ø" });
  });

  it("rejects an unknown status and a missing created_at, naming the field", () => {
    expect(() => parse(hook, withAttrs("pipeline-success", { status: "exploded" }))).toThrow(
      expect.objectContaining({ field: "object_attributes.status" }),
    );
    expect(() => parse(hook, withAttrs("pipeline-success", { created_at: "yesterday" }))).toThrow(
      expect.objectContaining({ field: "object_attributes.created_at" }),
    );
  });

  it("links a merge request pipeline to its merge request by iid", () => {
    const payload = fixture("gitlab", "pipeline-success");
    payload.merge_request = { id: 99, iid: 12, url: "https://gitlab.example.com/group/web/-/merge_requests/12", source_project_id: 1, target_project_id: 1 };
    expect(expectBuild(parse(hook, payload)).pullRequest).toEqual({ number: 12, url: "https://gitlab.example.com/group/web/-/merge_requests/12" });
  });

  it("keeps the merge request number but drops a link that is not http(s)", () => {
    const payload = fixture("gitlab", "pipeline-success");
    payload.merge_request = { iid: 12, url: "javascript:alert(1)" };
    expect(expectBuild(parse(hook, payload)).pullRequest).toEqual({ number: 12, url: null });
  });
});
