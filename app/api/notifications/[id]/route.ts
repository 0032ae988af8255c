import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { deleteNotification } from "@/lib/notifications/manage";
import { idSchema } from "@/lib/validation";

export const DELETE = apiRoute({ role: "admin" }, ({ params, identity }) => deleteNotification(z.object({ id: idSchema }).parse(params).id, identity));
