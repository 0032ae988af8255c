import { z } from "zod";

/** SPEC "Input": a reason is 1–1,000 characters after trimming, without control characters. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, "give a reason")
  .max(1000, "keep the reason under 1,000 characters")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "the reason may not contain control characters");

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
