/** The whole HTTP app (admin + API) on an ephemeral port, over a test database. */
import type { Server } from "node:http";
import { loadConfig } from "../../src/platform/config.js";
import { logger } from "../../src/platform/logger.js";
import { createApp } from "../../src/server.js";
import type { TestDatabase } from "./test-database.js";
import type { BuiltAdmin } from "../../admin/index.js";

export interface RunningApp {
  url: string;
  admin: BuiltAdmin;
  close(): Promise<void>;
}

export async function startApp(t: TestDatabase, env: Record<string, string> = {}): Promise<RunningApp> {
  // The anonymous catalog cache (a few seconds of staleness, by design) is off unless a test turns
  // it on: the other tests check that a change shows at once, which is what the domain does.
  const cfg = loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "test-session-secret-".padEnd(40, "x"), API_PUBLIC_CACHE_SECONDS: "0", ...env });
  const { app, admin, close } = await createApp({ deps: t, cfg, log: logger("silent"), databaseUrl: t.url });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await close();
    },
  };
}
