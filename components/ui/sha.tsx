"use client";

import { useState } from "react";
import { shortSha } from "../format";

/** A commit's short sha in monospace, linked to the commit on its repository's host when known, with a button that copies the full one. */
export function Sha({ sha, href }: { sha: string; href?: string | null }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(sha).catch(() => {});
    setCopied(true);
    setTimeout(() => setCopied(false), 1_500);
  };
  return (
    <span className="inline-flex items-center gap-0.5 whitespace-nowrap">
      {href ? (
        <a href={href} target="_blank" rel="noreferrer" className="underline decoration-zinc-400 underline-offset-2 hover:decoration-2" data-testid="commit-link">
          <code className="font-mono text-[0.85em]" title={sha}>
            {shortSha(sha)}
          </code>
          <span className="sr-only"> (commit on the repository host, opens in a new tab)</span>
        </a>
      ) : (
        <code className="font-mono text-[0.85em]" title={sha}>
          {shortSha(sha)}
        </code>
      )}
      <button
        type="button"
        onClick={copy}
        aria-label={copied ? "Copied" : `Copy commit ${sha}`}
        className="inline-flex min-h-6 min-w-6 items-center justify-center rounded text-xs text-zinc-500 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        {copied ? (
          <span aria-hidden>✓</span>
        ) : (
          <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h1" />
          </svg>
        )}
      </button>
    </span>
  );
}
