import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { addFreeze } from "@/lib/engine";
import { reasonSchema } from "@/lib/validation";
import { freezeShape, listFreezes } from "@/lib/views/freezes";

const instant = z.iso.datetime({ offset: true, message: "use an ISO 8601 time, e.g. 2026-12-24T00:00:00Z" }).transform((value) => new Date(value));

export const GET = apiRoute({ role: "viewer" }, ({ params }) => listFreezes(params.slug!));

export const POST = apiRoute(
  { role: "deployer", status: 201, body: z.object({ from: instant, to: instant, reason: reasonSchema }) },
  async ({ params, body, identity }) => freezeShape(await addFreeze(params.slug!, identity.actor, body)),
);
