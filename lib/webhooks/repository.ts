const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// scp-like git address: [user@]host:path (no "//" after the colon).
const SCP = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;
const SEGMENT = /^[a-z0-9_.-]+$/;

/**
 * "acme/web", "https://github.com/acme/web.git", "git@github.com:acme/web.git",
 * "ssh://git@gitlab.example.com:2222/group/sub/web.git", "git://…" → lower-case
 * "owner/name". GitLab nested groups keep their full path ("group/sub/web");
 * on github.com only owner/name count, so a web URL like …/acme/web/tree/main
 * also works. Null when it is not a repository reference.
 */
export function normalizeRepository(input: string): string | null {
  if (typeof input !== "string") return null;
  const text = input.trim();
  if (text === "" || /\s/.test(text)) return null;

  let host: string | null = null;
  let path: string;
  if (SCHEME.test(text)) {
    try {
      const url = new URL(text);
      host = url.hostname.toLowerCase();
      path = decodeURIComponent(url.pathname);
    } catch {
      return null;
    }
  } else {
    const scp = SCP.exec(text);
    if (scp?.[1] && scp[2]) {
      host = scp[1].toLowerCase();
      path = scp[2];
    } else {
      path = text;
    }
  }

  let segments = path.split(/[?#]/)[0]!.split("/").filter((s) => s !== "");
  // GitLab web URLs put pages after "/-/" (…/group/web/-/pipelines/31).
  const dash = segments.indexOf("-");
  if (dash !== -1) segments = segments.slice(0, dash);
  if (host === "github.com" || host === "www.github.com") segments = segments.slice(0, 2);
  if (segments.length > 0) segments[segments.length - 1] = segments[segments.length - 1]!.replace(/\.git$/i, "");

  segments = segments.map((s) => s.toLowerCase());
  if (segments.length < 2 || segments.some((s) => !SEGMENT.test(s) || s === "." || s === "..")) return null;
  return segments.join("/");
}

/**
 * The web page of pull request `number` for a repository address on github.com
 * or gitlab.com (the hosts whose URL scheme is known); null elsewhere.
 */
export function pullRequestUrl(address: string, number: number): string | null {
  const name = normalizeRepository(address);
  if (!name) return null;
  const host = /(?:^|[@/])(github\.com|gitlab\.com)[:/]/i.exec(address)?.[1]?.toLowerCase();
  if (host === "github.com") return `https://github.com/${name}/pull/${number}`;
  if (host === "gitlab.com") return `https://gitlab.com/${name}/-/merge_requests/${number}`;
  return null;
}
