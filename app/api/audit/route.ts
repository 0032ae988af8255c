import { apiRoute } from "@/lib/api/handler";
import { auditQuery, listAudit } from "@/lib/views/audit";

export const GET = apiRoute({ role: "viewer", query: auditQuery }, ({ query, identity }) => listAudit(query, identity));
