import { apiRoute } from "@/lib/api/handler";
import { getPipeline } from "@/lib/views/pipelines";

export const GET = apiRoute({ role: "viewer" }, ({ params }) => getPipeline(params.slug!));
