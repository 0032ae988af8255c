/** Grey blocks in the shape of the page to come, while its data loads; announced once as loading. */

const block = "animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800";

export function Bar({ className }: { className: string }) {
  return <div className={`${block} ${className}`} />;
}

/** A panel's outline with a few lines in it. */
export function PanelSkeleton({ lines = 3, className = "" }: { lines?: number; className?: string }) {
  return (
    <div className={`space-y-2 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}>
      <Bar className="h-5 w-40" />
      {Array.from({ length: lines }, (_, i) => (
        <Bar key={i} className={`h-4 ${i % 2 ? "w-3/4" : "w-full"}`} />
      ))}
    </div>
  );
}

export function PageSkeleton({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="skeleton" data-page={label}>
      <span className="sr-only">Loading {label}…</span>
      <Bar className="h-8 w-48" />
      {children}
    </div>
  );
}
