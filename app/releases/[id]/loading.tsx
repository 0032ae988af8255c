import { PageSkeleton, PanelSkeleton } from "@/components/ui/skeleton";

/** A release's shape: what and why, then its steps. */
export default function Loading() {
  return (
    <PageSkeleton label="release">
      <PanelSkeleton lines={5} />
      <PanelSkeleton lines={6} />
    </PageSkeleton>
  );
}
