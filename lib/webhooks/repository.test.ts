import { describe, expect, it } from "vitest";
import { normalizeRepository, pullRequestUrl } from "./repository";

describe("normalizeRepository", () => {
  it.each([
    ["acme/web", "acme/web"],
    ["Acme/Web", "acme/web"],
    ["acme/web/", "acme/web"],
    ["acme/web.git", "acme/web"],
    ["https://github.com/acme/web", "acme/web"],
    ["https://github.com/acme/web.git", "acme/web"],
    ["https://github.com/Acme/Web/", "acme/web"],
    ["https://github.com/acme/web/tree/main", "acme/web"],
    ["https://user:token@github.com/acme/web.git", "acme/web"],
    ["git@github.com:acme/web.git", "acme/web"],
    ["git@github.com:acme/web", "acme/web"],
    ["ssh://git@github.com/acme/web.git", "acme/web"],
    ["git://github.com/acme/web.git", "acme/web"],
    ["git+ssh://git@github.com/acme/web.git", "acme/web"],
    ["ssh://git@gitlab.example.com:2222/group/sub/web.git", "group/sub/web"],
    ["git@gitlab.example.com:Group/Sub/Web.git", "group/sub/web"],
    ["http://192.168.64.1:3005/gitlab-org/gitlab-test.git", "gitlab-org/gitlab-test"],
    ["https://gitlab.com/group/web/-/pipelines/31", "group/web"],
    ["  acme/web  ", "acme/web"],
    ["my-org/my_repo.js", "my-org/my_repo.js"],
  ])("normalizes %s to %s", (input, expected) => {
    expect(normalizeRepository(input)).toBe(expected);
  });

  it.each(["", "   ", "web", "https://github.com/", "https://github.com/acme", "git@github.com:", "acme/../web", "acme web/x", "acme/wéb", "mailto:a@b", "https://"])(
    "returns null for %j",
    (input) => {
      expect(normalizeRepository(input)).toBeNull();
    },
  );

  it("returns null for a non-string at run time", () => {
    expect(normalizeRepository(42 as unknown as string)).toBeNull();
  });
});

describe("pullRequestUrl", () => {
  it("links GitHub and GitLab pull requests from any form of the repository address", () => {
    expect(pullRequestUrl("git@github.com:Acme/Web.git", 7)).toBe("https://github.com/acme/web/pull/7");
    expect(pullRequestUrl("https://gitlab.com/group/sub/web.git", 7)).toBe("https://gitlab.com/group/sub/web/-/merge_requests/7");
  });

  it("gives no link for a host whose URL scheme is unknown, or a name without a host", () => {
    expect(pullRequestUrl("git@git.example.com:acme/web.git", 7)).toBeNull();
    expect(pullRequestUrl("acme/web", 7)).toBeNull();
    expect(pullRequestUrl("https://notgithub.com/acme/web", 7)).toBeNull();
  });
});
