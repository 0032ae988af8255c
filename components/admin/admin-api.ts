"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { listApiTokens } from "@/lib/auth/tokens";
import type { listUsers } from "@/lib/auth/users";
import { postJson } from "../api";
import { useToast } from "../toast";

export type UserRow = Awaited<ReturnType<typeof listUsers>>["items"][number];
export type TokenRow = Awaited<ReturnType<typeof listApiTokens>>["items"][number];
export type CreatedToken = { id: number; name: string; role: string; token: string };

export const adminKeys = { users: ["admin", "users"] as const, tokens: ["admin", "tokens"] as const };

/**
 * An admin write: the server's message in a toast on failure, `describe` on
 * success, and the list it changed (and the audit log) asked again either way.
 */
export function useAdminMutation<Vars, Result>(
  key: readonly string[],
  run: (vars: Vars) => Promise<Result>,
  describe: (result: Result, vars: Vars) => string,
) {
  const client = useQueryClient();
  const notify = useToast();
  return useMutation({
    mutationFn: run,
    onSuccess: (result, vars) => notify("success", describe(result, vars)),
    onError: (error) => notify("error", error.message),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: key }), client.invalidateQueries({ queryKey: ["audit"] })]),
  });
}

export const createToken = (body: { name: string; role: string; pipeline?: string }) => postJson<CreatedToken>("/api/tokens", body);

export const fieldStyle =
  "h-9 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600";
