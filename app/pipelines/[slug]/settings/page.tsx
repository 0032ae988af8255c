import type { Metadata } from "next";
import { SettingsForm } from "@/components/pipeline/settings-form";
import { orNotFound } from "@/components/server/page-data";
import { PageTitle } from "@/components/ui/page-title";
import { requireIdentity } from "@/lib/auth/session";
import { getPipeline } from "@/lib/views/pipelines";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Settings · ${(await params).slug}` };
}

/** An admin edits a pipeline (PATCH /api/pipelines/:slug); others learn it is admins only. */
export default async function PipelineSettingsPage({ params }: Props) {
  const { slug } = await params;
  const identity = await requireIdentity();
  if (identity.role !== "admin") {
    return <p data-testid="admins-only">Admins only: you are signed in with the {identity.role} role.</p>;
  }
  const pipeline = await orNotFound(getPipeline(slug, { reveal: true }));
  const { name, branch, autoDeploy, autoRollback, batchPercent, target } = pipeline;
  return (
    <div className="space-y-5">
      <PageTitle title="Settings" badge={null} pipeline={slug} detail="every change is audited" />
      <SettingsForm initial={{ slug, name, branch, autoDeploy, autoRollback, batchPercent, target }} />
    </div>
  );
}
