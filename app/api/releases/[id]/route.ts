import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { idSchema } from "@/lib/validation";
import { getRelease } from "@/lib/views/releases";

export const GET = apiRoute({ role: "viewer" }, ({ params }) => getRelease(z.object({ id: idSchema }).parse(params).id));
