import { PageSkeleton, PanelSkeleton } from "@/components/ui/skeleton";

/** A build's shape: where it stands, the commit, its releases. */
export default function Loading() {
  return (
    <PageSkeleton label="build">
      <PanelSkeleton lines={1} />
      <PanelSkeleton lines={5} />
      <PanelSkeleton lines={3} />
    </PageSkeleton>
  );
}
