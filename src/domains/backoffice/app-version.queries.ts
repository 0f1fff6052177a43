/**
 * What the mobile app learns about its own releases (AppVersion rows, managed in the admin panel):
 * the latest active release of a platform and whether the caller's version must or may update.
 * Versions are dotted numerics ("1.2.3"); they compare part by part as numbers ("1.10" > "1.9").
 */
import { z } from "zod";
import type { AppPlatform } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";
import type { Lang } from "../../platform/i18n.js";

const VERSION_RE = /^\d{1,9}(\.\d{1,9}){0,3}$/;

/** A dotted numeric version of one to four parts, e.g. 1.2.3. */
export const versionSchema = z.string().trim().regex(VERSION_RE, "VERSION_FORMAT").meta({ example: "1.2.3" });

export function isVersion(v: string): boolean {
  return VERSION_RE.test(v);
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; missing parts count as 0 (1.2 = 1.2.0). Throws on a non-version. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  if (!isVersion(a) || !isVersion(b)) throw new RangeError(`not a dotted numeric version: ${isVersion(a) ? b : a}`);
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `a < b`, or false when either is not a version (a malformed row in the panel never forces an update). */
function below(a: string, b: string): boolean {
  return isVersion(a) && isVersion(b) && compareVersions(a, b) < 0;
}

export interface UpdateDecision {
  forceUpdate: boolean;
  updateAvailable: boolean;
}

/**
 * Whether the app at `current` must update (below the minimum supported version, or below a
 * release marked as a forced update) and whether a newer release exists. Without a current
 * version neither can be known: both false.
 */
export function decideUpdate(latest: { version: string; minSupportedVersion: string; isForcedUpdate: boolean }, current: string | undefined): UpdateDecision {
  if (current === undefined) return { forceUpdate: false, updateAvailable: false };
  const updateAvailable = below(current, latest.version);
  const forceUpdate = below(current, latest.minSupportedVersion) || (latest.isForcedUpdate && updateAvailable);
  return { forceUpdate, updateAvailable };
}

/** The latest active release of a platform (highest releasedAt), with the update decision for `currentVersion`. NotFound when there is none. */
export async function getAppVersion(deps: Deps, input: { platform: AppPlatform; currentVersion?: string; lang: Lang }) {
  const latest = await deps.db.appVersion.findFirst({
    where: { platform: input.platform, isActive: true },
    orderBy: [{ releasedAt: "desc" }, { id: "desc" }],
  });
  if (!latest) throw new NotFoundError("AppVersion", input.platform);
  const notes = input.lang === "en" ? (latest.releaseNotesEn || latest.releaseNotesAr) : (latest.releaseNotesAr || latest.releaseNotesEn);
  return {
    platform: latest.platform,
    latestVersion: latest.version,
    latestBuild: latest.buildNumber,
    minSupportedVersion: latest.minSupportedVersion,
    ...decideUpdate(latest, input.currentVersion),
    releaseNotes: notes || null,
    releasedAt: latest.releasedAt,
  };
}
