import { notFound } from "next/navigation";
import { hasRole, type Identity } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/** A read that may name something that does not exist: the page's 404 instead of an error page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "bad_request")) notFound();
    throw error;
  }
}

/** A positive integer id from a URL segment, or the page's 404. */
export function idParam(value: string): number {
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** Whether to show lock, promote and rollback; the server checks the role again on every action. */
export const canDeploy = (identity: Identity) => hasRole(identity, "deployer");
