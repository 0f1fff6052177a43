/** Headless Debian Chromium driven by playwright-core (no browser download needed). */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const ARTIFACTS_DIR = path.resolve("test/artifacts");

export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("Chromium not found: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH");
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS_DIR, `${name}.png`);

/** Opens a page and signs a staff member in to /admin through the real login form. */
export async function signInPage(browser: Browser, baseUrl: string, email: string, password: string): Promise<import("playwright-core").Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.press('input[name="password"]', "Enter");
  await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 30_000 });
  return page;
}
