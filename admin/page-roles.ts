/**
 * The panel's pages (AdminJS `pages`, outside any resource) and the roles that may open each.
 * A page's handler refuses everyone else; the sidebar lists a page only for these roles. AdminJS
 * gives the browser its `env` by baking it into the components bundle, so the map travels there.
 */
import { customActionRoles } from "./access.js";
import type { StaffRole } from "../src/domains/backoffice/staff-auth.service.js";

export const JOBS_PAGE = "jobs";

export const PAGE_ROLES: Record<string, readonly StaffRole[]> = {
  [JOBS_PAGE]: customActionRoles("Jobs.console"),
};

/** AdminJS's `env` for the components bundle (read there as AdminJS.env.NAWAFETH_PAGE_ROLES). */
export function bundleEnv(): Record<string, string> {
  return { NAWAFETH_PAGE_ROLES: JSON.stringify(PAGE_ROLES) };
}
