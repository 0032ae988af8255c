import { describe, expect, it } from "vitest";
import { normalizeRepository } from "./repository";

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
