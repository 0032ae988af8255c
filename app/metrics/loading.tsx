import { Bar, PageSkeleton, PanelSkeleton } from "@/components/ui/skeleton";

/** The metrics page's shape: four tiles, the deploys chart, the duration charts. */
export default function Loading() {
  return (
    <PageSkeleton label="metrics">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Bar key={i} className="h-24" />
        ))}
      </div>
      <Bar className="h-72 w-full" />
      <div className="grid gap-4 md:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <PanelSkeleton key={i} lines={4} />
        ))}
      </div>
    </PageSkeleton>
  );
}
