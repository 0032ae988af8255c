import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/components/server/page-data";
import { NotificationsSection } from "@/components/settings/notifications-section";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageTitle } from "@/components/ui/page-title";
import { linkStyle, subtle } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireIdentity } from "@/lib/auth/session";
import { getPipelineSettings } from "@/lib/views/pipeline-settings";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Settings · ${(await params).slug}` };
}

/**
 * An admin edits a pipeline (PATCH /api/pipelines/:slug); others learn it is
 * admins only and get nothing of the settings (command lines, URLs, secrets).
 */
export default async function PipelineSettingsPage({ params }: Props) {
  const { slug } = await params;
  const identity = await requireIdentity();
  if (!hasRole(identity, "admin")) {
    return <p data-testid="admins-only">Admins only: you are signed in with the {identity.role} role.</p>;
  }
  const view = await orNotFound(getPipelineSettings(slug));
  return (
    <div className="space-y-5">
      <PageTitle title="Settings" badge={null} pipeline={slug} detail="every change is audited" />
      <SettingsForm slug={slug} view={view} />
      <NotificationsSection slug={slug} />
      <p className={`text-sm ${subtle}`}>
        Deploy freezes are planned on the{" "}
        <Link href={`/pipelines/${slug}#freezes`} className={linkStyle}>
          pipeline&apos;s freeze calendar
        </Link>
        .
      </p>
    </div>
  );
}
