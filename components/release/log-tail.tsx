"use client";

import { useEffect, useRef } from "react";

/**
 * A step's log. While the step runs the page polls the release, and the view
 * follows the end of the log (a command's output as it comes) unless the
 * reader scrolled up to read something.
 */
export function LogTail({ log, label, follow }: { log: string; label: string; follow: boolean }) {
  const ref = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useEffect(() => {
    const pre = ref.current;
    if (pre && follow && atEnd.current) pre.scrollTop = pre.scrollHeight;
  }, [log, follow]);
  return (
    <pre
      ref={ref}
      tabIndex={0}
      aria-label={label}
      onScroll={(event) => {
        const pre = event.currentTarget;
        atEnd.current = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
      }}
      className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-words rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      {log}
    </pre>
  );
}
