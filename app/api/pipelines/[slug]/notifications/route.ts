import { apiRoute } from "@/lib/api/handler";
import { createNotification, listNotifications, notificationInput } from "@/lib/notifications/manage";

export const GET = apiRoute({ role: "viewer" }, ({ params }) => listNotifications(params.slug!));

export const POST = apiRoute({ role: "admin", body: notificationInput, status: 201 }, ({ params, body, identity }) =>
  createNotification(params.slug!, body, identity),
);
