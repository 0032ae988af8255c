import pg from "pg";

/**
 * Calls `onNotify` for each NOTIFY on `channel`, on its own connection,
 * reconnecting a second after that connection drops (notifications in
 * between are missed: listeners must have a slower path that catches up).
 */
export function listen(databaseUrl: string, channel: string, onNotify: (payload: string) => void): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => onNotify(message.payload ?? ""));
    next.on("error", () => {
      next.end().catch(() => {});
      if (!closed) setTimeout(() => void connect(), 1000).unref();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
      if (closed) await next.end();
    } catch {
      next.end().catch(() => {});
      if (!closed) setTimeout(() => void connect(), 1000).unref();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
