import { z } from "zod";
import { optionalReason, requireReason } from "./engine/decide/reason";

/**
 * A reason in a request body. The rule itself (SPEC "Input": 1–1,000 code
 * points after trimming, no control characters) is the engine's, in one
 * place (lib/engine/decide/reason.ts); this only reports it as a 400 on the
 * `reason` field. Absent, null or blank means none where a reason is optional.
 */
const reasonBy = (rule: (value: unknown) => string | undefined) =>
  z.unknown().transform((value, context) => {
    try {
      return rule(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

export const reasonSchema = reasonBy(requireReason) as z.ZodType<string>;
export const optionalReasonSchema = reasonBy((value) => optionalReason(value) ?? undefined).optional() as z.ZodType<string | undefined>;

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** A password someone chooses (invite, change): 8–200 characters; argon2 makes longer ones pointless and slow. */
export const newPassword = z.string().min(8, "use at least 8 characters").max(200, "use at most 200 characters");
