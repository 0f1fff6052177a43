/** Message catalogs of the other domains, one import each (kept apart so domains can be added without touching messages.ts). */
import type { Catalog } from "../platform/i18n.js";

export const domainCatalogs: Catalog = {};
