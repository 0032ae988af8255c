import { focusRing } from "../ui/button";

/** The header's "where is my change?" box: a plain GET form, so it works before any script has loaded. */
export function CommitSearch() {
  return (
    <form action="/commits" method="get" role="search" className="flex items-center">
      <label htmlFor="commit-search" className="sr-only">
        Find a commit by sha, author or message
      </label>
      <input
        id="commit-search"
        name="q"
        type="search"
        required
        maxLength={200}
        placeholder="Find a commit…"
        className={`w-40 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm sm:w-56 dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`}
      />
    </form>
  );
}
