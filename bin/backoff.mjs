// How long shipboard-agent waits before its next try while the server is away:
// full jitter (anywhere between 0 and the capped exponential step), so a fleet
// that lost its server never comes back in step. Shared with bench/ (reconnect spread).
export const backoffMs = (failures, random = Math.random) => random() * Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
