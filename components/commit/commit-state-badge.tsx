import type { CommitPipelineView } from "@/lib/views/commits";
import { Badge } from "../ui/badge";
import { commitLook } from "./commit-words";

export function CommitStateBadge({ state }: { state: CommitPipelineView["state"] }) {
  const look = commitLook[state];
  return (
    <Badge tone={look.tone} glyph={look.glyph} testId="commit-state">
      {state}
    </Badge>
  );
}
