import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInUrl } from "./redirect";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query and hash (deep links survive sign-in)", () => {
    expect(safeCallbackPath("/pipelines/api")).toBe("/pipelines/api");
    expect(safeCallbackPath("/audit?actor=ada#top")).toBe("/audit?actor=ada#top");
    expect(signInUrl("/pipelines/api")).toBe("/signin?callbackUrl=%2Fpipelines%2Fapi");
    expect(signInUrl("/")).toBe("/signin");
  });

  it.each(["/\\evil.example", "//evil.example", "\\\\evil.example", "/\t/evil.example", "https://evil.example/x", "https:evil.example", "javascript:alert(1)", "//evil.example/%2e%2e"])(
    "attack: %s never leaves the site",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});
