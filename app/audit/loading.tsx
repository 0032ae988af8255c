import { Bar, PageSkeleton } from "@/components/ui/skeleton";

/** The audit page's shape: filters, then rows. */
export default function Loading() {
  return (
    <PageSkeleton label="audit">
      <Bar className="h-10 w-full max-w-2xl" />
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <Bar key={i} className="h-8 w-full" />
        ))}
      </div>
    </PageSkeleton>
  );
}
