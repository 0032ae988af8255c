import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "../server/build";
import { E2E_ADMIN_TOKEN, E2E_USERS, E2E_WEBHOOK_SECRET } from "./env";

/**
 * One Shipboard node of the cluster test: `npm start`'s code path
 * (server/start.ts: web server plus its worker process) against a shared
 * DATABASE_URL, with its own data dir as a separate machine would have, in
 * its own process group so a kill -9 takes the web server and its worker down
 * together, like a machine that dies. Same settings on every node, as a
 * deployment behind a load balancer would give them; AUTH_SECRET unset, so
 * the session secret comes from the database.
 */
export type ClusterNode = {
  name: string;
  url: string;
  /** The node's process id, which is also its process group's. */
  pid: number;
  /** Resolves once /api/health answers 200; rejects if the node exits first. */
  ready(): Promise<void>;
  /** Whether the node (or its worker) printed `line` so far. */
  printed(line: string): boolean;
  /** The node's last output lines, for failure messages. */
  output(): string;
  /** Sends `signal` to the node's whole process group and waits for the node to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export function startNode(name: string, port: number, databaseUrl: string): ClusterNode {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `shipboard-cluster-${name}-`));
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SHIPBOARD_DATA_DIR: dataDir,
      NEXTAUTH_URL: url,
      AUTH_SECRET: "",
      NEXTAUTH_SECRET: "",
      SHIPBOARD_ADMIN_EMAIL: E2E_USERS.admin.email,
      SHIPBOARD_ADMIN_PASSWORD: E2E_USERS.admin.password,
      SHIPBOARD_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      SHIPBOARD_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      SHIPBOARD_DEMO: "0",
      SHIPBOARD_TICK_MS: "200",
    },
  });
  let text = "";
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-1_000_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const output = () => `--- node ${name} ---\n${text.slice(-6000)}`;

  return {
    name,
    url,
    pid: child.pid!,
    output,
    printed: (line) => text.includes(line),
    async ready() {
      let gone = false;
      void exited.then(() => (gone = true));
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        if (gone) throw new Error(`node ${name} exited before it was ready\n${output()}`);
        const ok = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`node ${name} was not ready within 60 s\n${output()}`);
    },
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
