import type { Metadata } from "next";
import { ReleaseLive, type ReleaseRef } from "@/components/release/release-live";
import { idParam, orNotFound } from "@/components/server/page-data";
import { cache } from "react";
import { releaseTitle } from "@/components/release/release-title";
import { hasRole } from "@/lib/auth/roles";
import { currentIdentity, requireIdentity } from "@/lib/auth/session";
import { getRelease, listReleases } from "@/lib/views/releases";

type Props = { params: Promise<{ id: string }> };

// A release that replaced this one is newer; looking through the pipeline's recent history finds it for any release people still look at.
const RECENT_WINDOW = 200;

const ref = ({ id, number, kind, state }: ReleaseRef): ReleaseRef => ({ id, number, kind, state });

// The title and the page read the same release once per request.
const releaseOf = cache((id: number) => getRelease(id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await currentIdentity())) return { title: "Sign in" };
  const release = await releaseOf(idParam((await params).id)).catch(() => null);
  return { title: release ? releaseTitle(release) : "Release not found" };
}

export default async function ReleasePage({ params }: Props) {
  const identity = await requireIdentity();
  const id = idParam((await params).id);
  const release = await orNotFound(releaseOf(id));
  const [replaced, recent] = await Promise.all([
    release.replacedReleaseId ? getRelease(release.replacedReleaseId) : null,
    listReleases(release.pipeline, { limit: RECENT_WINDOW }),
  ]);
  const replacedBy = recent.items.find((r) => r.replacedReleaseId === id) ?? null;
  return (
    <ReleaseLive
      initial={release}
      replaced={replaced && ref(replaced)}
      replacedBy={replacedBy && ref(replacedBy)}
      canFail={hasRole(identity, "admin")}
    />
  );
}
