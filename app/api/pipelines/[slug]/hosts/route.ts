import { apiRoute } from "@/lib/api/handler";
import { hostsQuery, listHosts } from "@/lib/views/hosts";

export const GET = apiRoute({ role: "viewer", query: hostsQuery }, ({ params, query }) => listHosts(params.slug!, query));
