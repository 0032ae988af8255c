import { apiRoute } from "@/lib/api/handler";
import { listUsers } from "@/lib/auth/users";

export const GET = apiRoute({ role: "admin" }, () => listUsers());
