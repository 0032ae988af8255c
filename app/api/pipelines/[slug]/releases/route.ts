import { apiRoute } from "@/lib/api/handler";
import { pageQuery } from "@/lib/views/page";
import { listReleases } from "@/lib/views/releases";

export const GET = apiRoute({ role: "viewer", query: pageQuery }, ({ params, query }) => listReleases(params.slug!, query));
