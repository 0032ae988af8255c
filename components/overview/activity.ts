/** How many days of deploys each overview card draws. */
export const SPARKLINE_DAYS = 14;
