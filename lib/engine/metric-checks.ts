// How a release's metric checks stand, for the release view: the same tallies
// and rule the engine's tick applies, so the page never disagrees with it.
import { db } from "../db";
import { checkFailed, failuresOf } from "./decide/metric-checks";
import { loadMetricChecks } from "./store/metric-checks";

export async function metricCheckStandings(releaseId: number) {
  const rows = await loadMetricChecks(db, releaseId);
  return rows.map(({ id, check, tally }) => ({
    id,
    check,
    breaches: tally.breaches,
    inconclusive: tally.inconclusive,
    failures: failuresOf(check, tally),
    failed: checkFailed(check, tally),
  }));
}
