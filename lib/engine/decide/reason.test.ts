import { describe, expect, it } from "vitest";
import { optionalReason } from "./reason";

describe("an optional reason (promote, rollback)", () => {
  it.each([undefined, null, "", "   "])("is none when absent or blank (%j)", (reason) => {
    expect(optionalReason(reason)).toBeNull();
  });

  it("is trimmed when given", () => {
    expect(optionalReason("  error spike  ")).toBe("error spike");
  });

  it("follows the rules of a reason when given", () => {
    expect(() => optionalReason("two\nlines")).toThrow(expect.objectContaining({ status: 400, field: "reason" }));
    expect(() => optionalReason("x".repeat(1001))).toThrow(expect.objectContaining({ status: 400, field: "reason" }));
  });
});
