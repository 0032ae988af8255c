/** Dense tables that scroll sideways on a phone instead of squeezing; `hideOnPhone` columns drop out below md. */
export function Table({ caption, head, children }: { caption: string; head: { label: string; hideOnPhone?: boolean; srOnly?: boolean }[]; children: React.ReactNode }) {
  return (
    // `relative` keeps absolutely placed descendants (screen-reader-only text) inside the scrolling box, not widening the page.
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            {head.map((column) => (
              <th key={column.label} scope="col" className={`whitespace-nowrap py-2 pr-3 font-semibold ${column.hideOnPhone ? "hidden md:table-cell" : ""}`}>
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export const cell = "py-2 pr-3 align-top";
export const phoneHidden = "hidden md:table-cell";
/** Shown only on a phone, where its own column is hidden. */
export const phoneOnly = "md:hidden";
export const subtle = "text-zinc-600 dark:text-zinc-400";
export const linkStyle = "underline decoration-zinc-400 underline-offset-2 hover:decoration-2";
