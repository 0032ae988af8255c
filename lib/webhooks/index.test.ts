import { describe, expect, it } from "vitest";
import { isProvider, providers } from "./index";

describe("providers", () => {
  it("offers verify and parse for each of the four providers", () => {
    expect(Object.keys(providers).sort()).toEqual(["buildkite", "generic", "github", "gitlab"]);
    for (const provider of Object.values(providers)) {
      expect(typeof provider.verify).toBe("function");
      expect(typeof provider.parse).toBe("function");
    }
  });

  it("recognizes provider names and nothing inherited from Object", () => {
    expect(["buildkite", "github", "gitlab", "generic"].every(isProvider)).toBe(true);
    expect(["GitHub", "circleci", "constructor", "toString", "__proto__", ""].some(isProvider)).toBe(false);
  });
});
