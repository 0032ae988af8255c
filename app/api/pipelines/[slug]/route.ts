import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { hasRole } from "@/lib/auth/roles";
import { updatePipeline } from "@/lib/pipelines/update";
import { getPipeline } from "@/lib/views/pipelines";

export const GET = apiRoute({ role: "viewer" }, ({ params, identity }) => getPipeline(params.slug!, { reveal: hasRole(identity, "admin") }));

export const PATCH = apiRoute({ role: "admin", body: z.record(z.string(), z.unknown()) }, async ({ params, body, identity }) => {
  await updatePipeline(params.slug!, body, identity);
  return getPipeline(params.slug!, { reveal: true });
});
