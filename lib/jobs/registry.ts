// Every job kind the worker runs. A new kind: define it with `defineJob` in its
// own module (next to the code it serves) and add it here.
import { metricSampleJob } from "../metric-checks/sample-job";
import { refreshRollup } from "../metrics/rollup-job";
import { deliverNotification } from "../notifications/deliver";
import { stepRunJob } from "../steps/job";
import type { RegisteredJob } from "./job";

export const registeredJobs: readonly RegisteredJob[] = [stepRunJob, deliverNotification, refreshRollup, metricSampleJob];
