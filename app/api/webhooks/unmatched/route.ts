import { apiRoute } from "@/lib/api/handler";
import { listUnmatchedDeliveries } from "@/lib/builds/record";

// Deliveries that matched no pipeline: what CI sends that nobody receives.
export const GET = apiRoute({ role: "admin" }, () => listUnmatchedDeliveries());
