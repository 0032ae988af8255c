"use client";

import { useEffect } from "react";

/** The layout's title template, for titles a live page sets itself. */
export const withSiteName = (title: string) => `${title} · Shipboard`;

/** Keeps the tab's title in step with a live page's state ("↶ Rolling back · API"), so a background tab tells what is happening. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = withSiteName(title);
  }, [title]);
}
