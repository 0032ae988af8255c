// Validation of a pipeline's guardrail settings (SPEC "Guardrails"), shared by create and PATCH.
import { IANAZone } from "luxon";
import { z } from "zod";
import { WEEKDAYS } from "./decide/windows";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use local 24-hour HH:MM, e.g. 09:00");

export const windowSchema = z.object({
  days: z.array(z.enum(WEEKDAYS)).min(1, "name at least one day").transform((days) => [...new Set(days)]),
  from: clock,
  to: clock,
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), "use an IANA time zone, e.g. Europe/Dublin"),
});

/** Empty: CD may deploy at any time. */
export const windowsSchema = z.array(windowSchema).max(50);

/** Environment chains: the pipeline before this one and how long a commit bakes there (up to a week). */
export const upstreamSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/, "name an existing pipeline's slug"),
  bakeMinutes: z.number().int().min(0).max(10_080),
});
