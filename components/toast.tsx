"use client";

import { createContext, useCallback, useContext, useState } from "react";

type Tone = "success" | "error";
type Toast = { id: number; tone: Tone; message: string };
type Notify = (tone: Tone, message: string) => void;

const ToastContext = createContext<Notify>(() => {});

/** Success and error notes after an action; errors stay longer, both can be dismissed. */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (tone, message) => {
      const id = Date.now() + Math.random();
      setToasts((all) => [...all.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), tone === "error" ? 12_000 : 6_000);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={notify}>
      {children}
      {/* On a phone, at the top over the navigation, so a toast never hides the live rollout below; wider screens have room at the bottom right. */}
      <div aria-live="polite" data-testid="toasts" className="pointer-events-none fixed inset-x-0 top-0 z-50 flex flex-col items-center gap-2 p-2 sm:top-auto sm:bottom-0 sm:items-end sm:p-4">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            data-testid="toast"
            className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${
              toast.tone === "error"
                ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
            }`}
          >
            <span aria-hidden className="font-bold">
              {toast.tone === "error" ? "✕" : "✓"}
            </span>
            <p className="flex-1 break-words">{toast.message}</p>
            <button type="button" onClick={() => dismiss(toast.id)} className="rounded px-1 focus-visible:outline-2" aria-label="Dismiss">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
