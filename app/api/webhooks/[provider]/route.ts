import { apiRoute } from "@/lib/api/handler";
import { ingestWebhook } from "@/lib/builds/ingest";

// Signed by the provider's own scheme (SPEC "Webhooks"), so no user identity: "anyone".
export const POST = apiRoute({ role: "anyone" }, ({ request, params }) => ingestWebhook(params.provider!, request));
