/**
 * Builds the panel's component bundle and exits (run by `npm run build` with NODE_ENV=production
 * and ADMIN_JS_TMP_DIR pointing at the output folder). The bundle depends only on the component
 * registry, so an AdminJS with no resources produces the same file the full panel would.
 */
import AdminJS from "adminjs";
import { componentLoader } from "./components.js";
import { bundleEnv } from "./page-roles.js";

// The same env the panel passes (it is baked into the bundle).
await new AdminJS({ componentLoader, env: bundleEnv() }).initialize();
