"use client";

import { createContext, useCallback, useContext, useEffect, useId, useState } from "react";
import { ApiError } from "../api";
import { placeError } from "./error-placement";

/** A server's 400 as the browser got it: `{message, field?}` (SPEC "Errors"). */
export type ServerProblem = { message: string; field?: string };

/** What a failed request says, and which field it blames. */
export const serverProblem = (error: Error): ServerProblem => ({ message: error.message, field: error instanceof ApiError ? error.field : undefined });

/** How many mounted fields answer to each name (a field and its disclosure may both ask about one name). */
type Names = ReadonlyMap<string, number>;
type Registry = { problem: ServerProblem | null; names: Names; register: (name: string) => () => void };

const FieldErrorContext = createContext<Registry>({ problem: null, names: new Map(), register: () => () => {} });

const counted = (names: Names, name: string, by: number) => {
  const next = new Map(names);
  const count = (next.get(name) ?? 0) + by;
  if (count > 0) next.set(name, count);
  else next.delete(name);
  return next;
};

/** The server prefixes a field's message with its path ("batchPercent: too big"); beside the field the path says nothing. */
const withoutPath = ({ message, field }: ServerProblem) => (field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);

/**
 * Gives a form's fields the server's last error. Every field registers its
 * name (as the API names it), so the error lands beside exactly one of them,
 * or in the form's own alert when none matches.
 */
export function FieldErrors({ problem, children }: { problem: ServerProblem | null; children: React.ReactNode }) {
  const [names, setNames] = useState<Names>(new Map());
  const register = useCallback((name: string) => {
    setNames((all) => counted(all, name, 1));
    return () => setNames((all) => counted(all, name, -1));
  }, []);
  return <FieldErrorContext.Provider value={{ problem, names, register }}>{children}</FieldErrorContext.Provider>;
}

/** The server's message for the field called `name`, when the last error landed on it. */
export function useFieldError(name: string): string | undefined {
  const { problem, names, register } = useContext(FieldErrorContext);
  useEffect(() => register(name), [name, register]);
  return problem && placeError(problem.field, names.keys()) === name ? withoutPath(problem) : undefined;
}

export function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} data-testid="field-error" className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

/** An error no field claims (or no field at all: a 409, the network). */
export function FormProblem() {
  const { problem, names } = useContext(FieldErrorContext);
  if (!problem || placeError(problem.field, names.keys()) !== undefined) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
      {problem.message}
    </p>
  );
}

/** What an input needs to be labelled and described (hint, error) by its Field. */
export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

export const hintStyle = "mt-1 block text-xs text-zinc-600 dark:text-zinc-400";

/**
 * One labelled input of a settings form, named as the API names it; the
 * server's message for that name appears under it.
 */
export function Field({ name, label, hint, className = "", children }: {
  name: string;
  label: string;
  hint?: string;
  className?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const id = useId();
  const problem = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`text-sm ${className}`}>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": problem ? true : undefined, "aria-describedby": describedBy || undefined })}
      {hint ? (
        <p id={`${id}-hint`} className={hintStyle}>
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} message={problem} />
    </div>
  );
}

/** Several inputs answering one field (a window's days): a fieldset whose legend names them. */
export function FieldGroup({ name, legend, children }: { name: string; legend: string; children: React.ReactNode }) {
  const id = useId();
  const problem = useFieldError(name);
  return (
    <fieldset className="text-sm" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend className="mb-1 font-medium">{legend}</legend>
      {children}
      <ErrorText id={`${id}-error`} message={problem} />
    </fieldset>
  );
}
