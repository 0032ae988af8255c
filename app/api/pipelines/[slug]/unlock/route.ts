import { apiRoute } from "@/lib/api/handler";
import { unlockPipeline } from "@/lib/engine";
import { getPipeline } from "@/lib/views/pipelines";

// No body needed; SPEC: unlocking an unlocked pipeline is a 200 that changes nothing.
export const POST = apiRoute({ role: "deployer" }, async ({ params, identity }) => {
  const { changed } = await unlockPipeline(params.slug!, identity.actor);
  return { changed, pipeline: await getPipeline(params.slug!) };
});
