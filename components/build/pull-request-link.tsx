import { linkStyle } from "../ui/table";

type PullRequest = { number: number; url: string | null };

/** "#42" (GitLab: "!42"), linked to the pull request's page when the CI named one. */
export function PullRequestLink({ pullRequest, provider, className = "" }: { pullRequest: PullRequest | null; provider: string; className?: string }) {
  if (!pullRequest) return null;
  const label = `${provider === "gitlab" ? "!" : "#"}${pullRequest.number}`;
  if (!pullRequest.url) return <span className={className}>{label}</span>;
  return (
    <a href={pullRequest.url} target="_blank" rel="noreferrer" className={`${className} ${linkStyle}`}>
      <span className="sr-only">{provider === "gitlab" ? "merge request" : "pull request"} </span>
      {label}
      <span aria-hidden> ↗</span>
    </a>
  );
}
