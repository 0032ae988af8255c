import Link from "next/link";
import { linkStyle, subtle } from "./table";

/** A detail page's h1 with its state badge, and a line naming the pipeline it belongs to. */
export function PageTitle({ title, badge, pipeline, detail }: { title: string; badge: React.ReactNode; pipeline: string; detail: string }) {
  return (
    <header className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {badge}
      </div>
      <p className={`text-sm ${subtle}`}>
        <Link href={`/pipelines/${pipeline}`} className={linkStyle}>
          {pipeline}
        </Link>{" "}
        · {detail}
      </p>
    </header>
  );
}
