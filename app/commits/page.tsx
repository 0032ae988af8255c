import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { firstLine } from "@/components/build/build-summary";
import { CommitStateBadge } from "@/components/commit/commit-state-badge";
import { commitSentence } from "@/components/commit/commit-words";
import { shortSha } from "@/components/format";
import { Section } from "@/components/ui/section";
import { linkStyle, subtle } from "@/components/ui/table";
import { requireIdentity } from "@/lib/auth/session";
import { SHA_PREFIX, searchCommits } from "@/lib/views/commits";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export const metadata: Metadata = { title: "Find a commit" };

export default async function CommitSearchPage({ searchParams }: Props) {
  await requireIdentity();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const { items } = q ? await searchCommits(q) : { items: [] };
  // A sha that names one commit goes straight to it.
  if (items.length === 1 && SHA_PREFIX.test(q.toLowerCase())) redirect(`/commits/${items[0]!.sha}`);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Find a commit</h1>
      <Section title={q ? `Commits matching “${q}”` : "Type a sha prefix, an author or words of a message"} id="commit-results" testId="commit-results">
        {q && items.length === 0 ? <p className={subtle}>No commit of the last 90 days matches.</p> : null}
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {items.map((commit) => (
            <li key={commit.sha} className="py-3">
              <p className="text-sm">
                <Link href={`/commits/${commit.sha}`} className={`font-mono ${linkStyle}`}>
                  {shortSha(commit.sha)}
                </Link>{" "}
                {commit.message ? firstLine(commit.message) : <span className={subtle}>no message</span>}
                {commit.author ? <span className={subtle}> · {commit.author}</span> : null}
              </p>
              <ul className="mt-1 space-y-1">
                {commit.pipelines.map((item) => (
                  <li key={item.slug} className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium">{item.slug}</span>
                    <CommitStateBadge state={item.state} />
                    <span className={subtle}>{commitSentence(item)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
