import { describe, expect, it } from "vitest";
import { chainsOf } from "./chains";

const p = (slug: string, upstream: string | null = null) => ({ slug, upstream: upstream && { slug: upstream, bakeMinutes: 30 } });
const slugs = (chains: { slug: string }[][]) => chains.map((chain) => chain.map((x) => x.slug));

describe("environment chains on the overview", () => {
  it("puts each chain in order from its first environment, and leaves pipelines outside chains out", () => {
    expect(slugs(chainsOf([p("prod", "staging"), p("web"), p("staging", "dev"), p("dev")]))).toEqual([["dev", "staging", "prod"]]);
  });

  it("starts a chain per branch when one pipeline feeds several", () => {
    expect(slugs(chainsOf([p("staging"), p("eu", "staging"), p("us", "staging")]))).toEqual([["staging", "eu"], ["staging", "us"]]);
  });

  it("ignores an upstream that is not shown, and survives a cycle", () => {
    expect(chainsOf([p("prod", "gone")])).toEqual([]);
    expect(chainsOf([p("a", "b"), p("b", "a")])).toEqual([]);
  });
});
