import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./json";

describe("canonicalJson", () => {
  it("gives one text for objects that differ only in key order, at any depth, keeping array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(sameJson({ kind: "command", batch: { run: "x" } }, { batch: { run: "x" }, kind: "command" })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson(undefined, null)).toBe(true);
  });
});
