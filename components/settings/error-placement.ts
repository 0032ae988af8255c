/**
 * Which of a form's fields shows the server's error about `field` (SPEC: a 400
 * names the field at fault, e.g. `target.checks.2.run`): the field whose name
 * is the longest whole-segment prefix of it, so `target.hosts.3` lands on
 * `target.hosts`. Undefined when no field matches: the form shows it itself.
 */
export function placeError(field: string | undefined, names: Iterable<string>): string | undefined {
  if (field === undefined) return undefined;
  let best: string | undefined;
  for (const name of names) {
    const covers = field === name || field.startsWith(`${name}.`);
    if (covers && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}
