import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { listDeliveries } from "@/lib/notifications/manage";
import { idSchema } from "@/lib/validation";
import { pageQuery } from "@/lib/views/page";

export const GET = apiRoute({ role: "viewer", query: pageQuery }, ({ params, query }) =>
  listDeliveries(z.object({ id: idSchema }).parse(params).id, query),
);
