"use client";

import { Button } from "./button";
import { Dialog } from "./dialog";

/**
 * A dialog that asks before an action: body, then Cancel and the action's
 * button, which submits the dialog's form (so Enter works and required fields are checked).
 */
export function ConfirmDialog({ open, onClose, title, confirm, variant = "primary", action, disabled, onConfirm, children }: {
  open: boolean;
  onClose: () => void;
  title: string;
  confirm: string;
  variant?: "primary" | "danger";
  /** The mutation the dialog confirms: its progress and the server's refusal show inside the dialog (the page behind a modal is hidden from screen readers). */
  action: { isPending: boolean; error: Error | null; reset: () => void };
  disabled?: boolean;
  onConfirm: () => void;
  children: React.ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={() => {
        action.reset();
        onClose();
      }}
      title={title}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
        className="space-y-4"
      >
        <div className="space-y-3 text-sm">{children}</div>
        {action.error ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            <span aria-hidden>✕ </span>
            {action.error.message}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={variant} disabled={action.isPending || disabled}>
            {action.isPending ? "Working…" : confirm}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
