/** A titled panel of a page; the heading names it for screen readers. */
export function Section({ title, id, actions, children, testId }: { title: string; id: string; actions?: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A small caps heading inside a panel ("Checks, in parallel"). */
export function SubHeading({ children }: { children: React.ReactNode }) {
  return <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{children}</h3>;
}
