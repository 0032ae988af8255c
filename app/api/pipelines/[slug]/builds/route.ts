import { apiRoute } from "@/lib/api/handler";
import { listBuilds } from "@/lib/views/builds";
import { pageQuery } from "@/lib/views/page";

export const GET = apiRoute({ role: "viewer", query: pageQuery }, ({ params, query }) => listBuilds(params.slug!, query));
