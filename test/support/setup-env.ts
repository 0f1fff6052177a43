/**
 * Runs in every test worker before the test file is imported. AdminJS bundles custom components
 * into ADMIN_JS_TMP_DIR (default .adminjs/) and, outside production, serves whatever bundle is
 * already there: give each worker its own empty folder so no stale or half-written bundle is served.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { registerDomainHooks } from "../../src/domains/register-hooks.js";

process.env.ADMIN_JS_TMP_DIR = mkdtempSync(path.join(os.tmpdir(), "nawafeth-adminjs-"));

// Domain commands called directly (without the app or the worker) need the domains wired too.
registerDomainHooks();
