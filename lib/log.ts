import pino from "pino";

/** Structured logs (JSON lines) for the server and worker; LOG_LEVEL=debug for more. */
export const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { pid: process.pid } });
