/**
 * Runs in every test worker before the test file is imported. Outside production AdminJS serves
 * whatever components bundle is in ADMIN_JS_TMP_DIR (and bundles on the first request when there
 * is none): point it at the bundle the global setup built for this run, complete before any test
 * starts, so no stale bundle is served and none is built twice.
 */
import { inject } from "vitest";
import { registerDomainHooks } from "../../src/domains/register-hooks.js";
import { useCheapHashingInTests } from "../../src/domains/backoffice/passwords.js";

process.env.ADMIN_JS_TMP_DIR = inject("adminjsDir");

// Domain commands called directly (without the app or the worker) need the domains wired too.
registerDomainHooks();

// Passwords and one-time codes are still argon2id hashes, at a fraction of the CPU.
useCheapHashingInTests();
