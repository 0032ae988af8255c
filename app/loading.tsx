import { PageSkeleton, PanelSkeleton } from "@/components/ui/skeleton";

/** The overview's cards while pipelines load; the layout and nav stay in place. */
export default function Loading() {
  return (
    <PageSkeleton label="pipelines">
      <div className="grid gap-4 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <PanelSkeleton key={i} lines={3} />
        ))}
      </div>
    </PageSkeleton>
  );
}
