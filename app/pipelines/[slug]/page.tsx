import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { ConnectCiPanel } from "@/components/pipeline/connect-ci-panel";
import { PipelineDashboard } from "@/components/pipeline/pipeline-dashboard";
import { PAGE_SIZE } from "@/components/queries";
import { canDeploy, orNotFound } from "@/components/server/page-data";
import { linkStyle } from "@/components/ui/table";
import { cache } from "react";
import { pipelineTitle } from "@/components/pipeline/pipeline-status";
import { hasRole } from "@/lib/auth/roles";
import { currentIdentity, requireIdentity } from "@/lib/auth/session";
import { listBuilds } from "@/lib/views/builds";
import { connectCi, publicOrigin } from "@/lib/views/connect-ci";
import { getPipeline } from "@/lib/views/pipelines";
import { listReleases } from "@/lib/views/releases";

type Props = { params: Promise<{ slug: string }> };

// The title and the page read the same pipeline once per request.
const pipelineOf = cache((slug: string) => getPipeline(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await currentIdentity())) return { title: "Sign in" };
  const pipeline = await pipelineOf((await params).slug).catch(() => null);
  return { title: pipeline ? pipelineTitle(pipeline) : "Pipeline not found" };
}

export default async function PipelinePage({ params }: Props) {
  const identity = await requireIdentity();
  const { slug } = await params;
  const page = { limit: PAGE_SIZE };
  const [pipeline, builds, releases] = await orNotFound(Promise.all([pipelineOf(slug), listBuilds(slug, page), listReleases(slug, page)]));
  // Webhook settings and deliveries are for admins only (SPEC "Trust").
  const host = (await headers()).get("host") ?? "localhost";
  const admin = hasRole(identity, "admin");
  const ci = admin ? await connectCi(slug, publicOrigin(`http://${host}`)) : null;
  return (
    <div className="space-y-5">
      {admin ? (
        <p className="text-right text-sm">
          <Link href={`/pipelines/${slug}/settings`} className={linkStyle}>
            Pipeline settings
          </Link>
        </p>
      ) : null}
      <PipelineDashboard initial={{ pipeline, builds, releases }} canDeploy={canDeploy(identity)} />
      {ci && <ConnectCiPanel ci={ci} />}
    </div>
  );
}
