/**
 * What the panel costs a browser: Chromium signs in to the compiled production web process (demo
 * data) and loads /admin with an empty cache, then again with a warm one, per role. Transferred
 * bytes come from the DevTools protocol (encodedDataLength); beside them, the same responses'
 * decoded size, which is what would travel without compression. Targets: first load ≤ 1.5 MB,
 * warm reload ≤ 150 KB.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { createBenchDatabase } from "./bench-db.js";
import { appEnv } from "./harness.js";
import { freePort } from "../../src/platform/database/embedded-postgres.js";
import { launchBrowser } from "../support/browser.js";
import { seedDemoData } from "../../prisma/seed/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const PASSWORD = "page-weight-bench-password";
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

interface Load { transferred: number; decoded: number; responses: number; html: number; htmlDecoded: number }

async function loads(browser: Browser, base: string, role: string): Promise<{ cold: Load; warm: Load }> {
  // The process trusts the loopback proxy; the header makes the session cookie's Secure flag hold.
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', `${role}@example.com`);
    await page.fill('input[name="password"]', PASSWORD);
    await page.press('input[name="password"]', "Enter");
    await page.waitForURL((u) => !u.pathname.endsWith("/login"));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    const urls = new Map<string, string>();
    let cur: Load;
    cdp.on("Network.responseReceived", (e: { requestId: string; response: { url: string } }) => urls.set(e.requestId, e.response.url));
    cdp.on("Network.dataReceived", (e: { requestId: string; dataLength: number }) => {
      cur.decoded += e.dataLength;
      if (new URL(urls.get(e.requestId) ?? base).pathname === "/admin") cur.htmlDecoded += e.dataLength;
    });
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
      cur.transferred += e.encodedDataLength;
      cur.responses++;
      if (new URL(urls.get(e.requestId) ?? base).pathname === "/admin") cur.html += e.encodedDataLength;
    });
    const once = async () => {
      cur = { transferred: 0, decoded: 0, responses: 0, html: 0, htmlDecoded: 0 };
      await page.goto(`${base}/admin`, { waitUntil: "networkidle" });
      // The home page has drawn: the fonts and data it asks for are in the figure too.
      await page.waitForTimeout(500);
      return cur;
    };
    const cold = await once();
    const warm = await once();
    return { cold, warm };
  } finally {
    await ctx.close();
  }
}

export async function benchPageWeight(): Promise<string[]> {
  const t = await createBenchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-page-weight-"));
  const lines: string[] = [];
  let child: ReturnType<typeof spawn> | undefined;
  let browser: Browser | undefined;
  try {
    await seedDemoData(t, { password: PASSWORD });
    const build = spawnSync(process.execPath, ["--import", TSX, path.join(root, "scripts/build.ts")], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    const port = await freePort();
    child = spawn(process.execPath, ["dist/start.js", "web"], {
      cwd: root,
      env: { ...process.env, ...appEnv(t.url, dataDir), NODE_ENV: "production", TRUST_PROXY: "loopback", PORT: String(port), HOST: "127.0.0.1" },
      stdio: "ignore",
    });
    const base = `http://localhost:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
      if (i > 1200) throw new Error("the web process did not answer /health within 120 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchBrowser();
    lines.push("/admin in Chromium, compiled web process (NODE_ENV=production); transferred vs decoded (= without compression):");
    for (const role of ["admin", "support", "finance", "management"]) {
      const { cold, warm } = await loads(browser, base, role);
      lines.push(
        `  ${role.padEnd(10)} first load ${kb(cold.transferred).padStart(8)} of ${kb(cold.decoded).padStart(8)} (×${(cold.transferred / cold.decoded).toFixed(2)}, ${cold.responses} responses; the page ${kb(cold.html)} of ${kb(cold.htmlDecoded)})` +
          `   warm reload ${kb(warm.transferred).padStart(7)} (${warm.responses} responses)`,
      );
    }
    lines.push("  targets: first load ≤ 1,536 KB, warm reload ≤ 150 KB");
    return lines;
  } catch (err) {
    (err as { lines?: string[] }).lines = lines;
    throw err;
  } finally {
    await browser?.close();
    if (child) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
