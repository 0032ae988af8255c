import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { getMetrics } from "@/lib/metrics/query";

const query = z.object({
  pipeline: z.string().max(64).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

export const GET = apiRoute({ role: "viewer", query }, ({ query }) => getMetrics(query));
