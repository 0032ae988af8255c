import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { idSchema } from "@/lib/validation";
import { hostsQuery, listStepHosts } from "@/lib/views/hosts";

export const GET = apiRoute({ role: "viewer", query: hostsQuery }, ({ params, query }) => {
  const { id, stepId } = z.object({ id: idSchema, stepId: idSchema }).parse(params);
  return listStepHosts(id, stepId, query);
});
