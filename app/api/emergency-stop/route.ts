import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { emergencyStopState, liftEmergencyStop, startEmergencyStop } from "@/lib/engine";
import { reasonSchema } from "@/lib/validation";

/** Whether the stop is on, for the banner every page shows. */
export const GET = apiRoute({ role: "viewer" }, () => emergencyStopState(db));

export const POST = apiRoute({ role: "admin", body: z.object({ reason: reasonSchema }) }, async ({ body, identity }) => {
  const result = await startEmergencyStop(identity.actor, body.reason);
  return { ...(await emergencyStopState(db)), ...result };
});

export const DELETE = apiRoute({ role: "admin" }, ({ identity }) => liftEmergencyStop(identity.actor));
