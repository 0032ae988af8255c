"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { postJson } from "../api";
import { queryKeys } from "../queries";
import { useToast } from "../toast";

export type PipelineAction = "lock" | "unlock" | "promote" | "rollback";

/**
 * POST /api/pipelines/:slug/<action>: the server's message in a toast on
 * failure (e.g. 409 "a release is already running"), `describe` on success,
 * and every view of the pipeline asked again either way.
 */
export function usePipelineAction<Body, Result>(slug: string, action: PipelineAction, describe: (result: Result) => string) {
  const client = useQueryClient();
  const notify = useToast();
  return useMutation({
    mutationFn: (body: Body) => postJson<Result>(`/api/pipelines/${slug}/${action}`, body),
    onSuccess: (result) => notify("success", describe(result)),
    onError: (error) => notify("error", error.message),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.pipeline(slug) }),
        client.invalidateQueries({ queryKey: queryKeys.pipelines }),
      ]),
  });
}
