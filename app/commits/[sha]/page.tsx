import type { Metadata } from "next";
import { CommitJourney } from "@/components/commit/commit-journey";
import { orNotFound } from "@/components/server/page-data";
import { requireIdentity } from "@/lib/auth/session";
import { getCommit } from "@/lib/views/commits";

type Props = { params: Promise<{ sha: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Commit ${(await params).sha.slice(0, 7)}` };
}

export default async function CommitPage({ params }: Props) {
  await requireIdentity();
  const commit = await orNotFound(getCommit((await params).sha));
  return <CommitJourney initial={commit} />;
}
