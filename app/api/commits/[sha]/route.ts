import { apiRoute } from "@/lib/api/handler";
import { getCommit } from "@/lib/views/commits";

export const GET = apiRoute({ role: "viewer" }, ({ params }) => getCommit(params.sha!));
