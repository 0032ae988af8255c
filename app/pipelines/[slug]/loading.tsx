import { Bar, PageSkeleton, PanelSkeleton } from "@/components/ui/skeleton";

/** The pipeline page's shape: header with actions, rollout, hosts, builds. */
export default function Loading() {
  return (
    <PageSkeleton label="pipeline">
      <div className="flex gap-2">
        <Bar className="h-9 w-24" />
        <Bar className="h-9 w-28" />
      </div>
      <PanelSkeleton lines={4} />
      <PanelSkeleton lines={2} />
      <PanelSkeleton lines={6} />
    </PageSkeleton>
  );
}
