import type { Metadata } from "next";
import { PipelineDashboard } from "@/components/pipeline/pipeline-dashboard";
import { PAGE_SIZE } from "@/components/queries";
import { canDeploy, orNotFound } from "@/components/server/page-data";
import { requireIdentity } from "@/lib/auth/session";
import { listBuilds } from "@/lib/views/builds";
import { getPipeline } from "@/lib/views/pipelines";
import { listReleases } from "@/lib/views/releases";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function PipelinePage({ params }: Props) {
  const identity = await requireIdentity();
  const { slug } = await params;
  const page = { limit: PAGE_SIZE };
  const [pipeline, builds, releases] = await orNotFound(Promise.all([getPipeline(slug), listBuilds(slug, page), listReleases(slug, page)]));
  return <PipelineDashboard initial={{ pipeline, builds, releases }} canDeploy={canDeploy(identity)} />;
}
