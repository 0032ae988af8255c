"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { DurationField, MetricsDay } from "./types";

const HEIGHT = 180;

// The chart library loads only when a duration chart is about to be drawn: a page that shows none never fetches it.
const DurationChart = dynamic(() => import("./duration-chart"), {
  ssr: false,
  loading: () => <div style={{ height: HEIGHT }} className="animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />,
});

/** A P75 chart drawn once it scrolls into view. */
export function LazyDurationChart(props: { days: MetricsDay[]; field: DurationField; name: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || shown) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setShown(true));
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown]);
  return (
    <div ref={box} style={{ minHeight: HEIGHT }} data-testid={`duration-chart-${props.field}`}>
      {shown ? <DurationChart {...props} /> : null}
    </div>
  );
}
