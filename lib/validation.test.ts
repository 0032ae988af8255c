import { describe, expect, it } from "vitest";
import { z } from "zod";
import { optionalReasonSchema, reasonSchema } from "./validation";

const lock = z.object({ reason: reasonSchema });
const rollback = z.object({ reason: optionalReasonSchema });

describe("reason in request bodies (one rule: lib/engine/decide/reason.ts)", () => {
  it("counts code points, not UTF-16 units: 1,000 emoji are a valid reason, 1,001 are not", () => {
    expect(lock.parse({ reason: "😀".repeat(1000) }).reason).toHaveLength(2000);
    expect(lock.safeParse({ reason: "😀".repeat(1001) }).success).toBe(false);
  });

  it("refuses every Unicode control character, C1 included, on the reason field", () => {
    const result = lock.safeParse({ reason: "bad\u0085news" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["reason"]);
  });

  it("trims; a blank optional reason is none, a blank required one is refused", () => {
    expect(lock.parse({ reason: "  spike  " }).reason).toBe("spike");
    expect(lock.safeParse({ reason: "   " }).success).toBe(false);
    expect(lock.safeParse({}).success).toBe(false);
    expect(rollback.parse({ reason: "  " }).reason).toBeUndefined();
    expect(rollback.parse({}).reason).toBeUndefined();
  });
});
