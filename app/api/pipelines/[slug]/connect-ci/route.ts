import { apiRoute } from "@/lib/api/handler";
import { connectCi, publicOrigin } from "@/lib/views/connect-ci";

// Webhook URLs, the secret's state (never its value) and the last deliveries: admins only.
export const GET = apiRoute({ role: "admin" }, ({ params, request }) => connectCi(params.slug!, publicOrigin(new URL(request.url).origin)));
