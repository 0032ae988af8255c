import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { readJsonText } from "@/lib/api/body";
import { reportStep } from "@/lib/steps/callback";
import { idSchema } from "@/lib/validation";

// Signed with the pipeline's secret (X-Shipboard-Timestamp, X-Shipboard-Signature), not a session: the receiver of a webhook target calls it.
export const POST = apiRoute({ role: "anyone" }, async ({ request, params }) => {
  const { id, stepId } = z.object({ id: idSchema, stepId: idSchema }).parse(params);
  return reportStep(id, stepId, request.headers, await readJsonText(request));
});
