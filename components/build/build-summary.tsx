import Link from "next/link";
import type { BuildView } from "@/lib/views/shapes";
import { buildName, commitUrl } from "../format";
import { Sha } from "../ui/sha";

/** "build #123 · abc1234 ⧉ · Fix checkout totals · ada": what a release ships, in one line. */
export function BuildSummary({ build, repository }: {
  build: Pick<BuildView, "id" | "number" | "commitSha" | "message" | "author"> & Partial<Pick<BuildView, "provider" | "url">>;
  /** The pipeline's `owner/name`, to link the sha to the commit. */
  repository?: string;
}) {
  return (
    <span className="inline-flex min-w-0 max-w-full flex-wrap items-baseline gap-x-2 gap-y-0.5">
      <Link href={`/builds/${build.id}`} className="font-medium underline decoration-zinc-400 underline-offset-2 hover:decoration-2">
        build {buildName(build)}
      </Link>
      <Sha sha={build.commitSha} href={repository ? commitUrl(repository, build.commitSha, build.provider ? { provider: build.provider, url: build.url ?? null } : undefined) : null} />
      {build.message ? <span className="min-w-0 truncate text-zinc-700 dark:text-zinc-300">{firstLine(build.message)}</span> : null}
      {build.author ? <span className="text-zinc-600 dark:text-zinc-400">by {build.author}</span> : null}
    </span>
  );
}

/** A commit message's subject: the first line is what people wrote for the list. */
export const firstLine = (message: string) => message.split("\n", 1)[0] ?? "";
