/** The mobile app asks whether it must or may update. */
import { z } from "zod";
import { getAppVersion, versionSchema } from "../domains/backoffice/app-version.queries.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { isoDateTime } from "./schemas/common.js";

export function appVersionRoutes(api: Api, c: ApiContext): void {
  api.route(
    {
      method: "get", path: "/app-version", tag: "App", auth: "none", summary: "Latest release and whether to update",
      description:
        "The latest active release of the platform. With `current_version`, `force_update` is true when it is below `min_supported_version` " +
        "or below a release marked as a forced update, and `update_available` when a newer release exists; without it both are false. " +
        "Release notes are in the request's language (the other language when missing). 404 when the platform has no active release.",
      query: z.object({
        platform: z.enum(["ios", "android"]),
        current_version: versionSchema.optional().meta({ description: "The installed app version, dotted numeric (e.g. 1.2.3)." }),
      }),
      response: z
        .object({
          platform: z.enum(["ios", "android"]),
          latest_version: z.string(),
          latest_build: z.number().int(),
          min_supported_version: z.string(),
          force_update: z.boolean(),
          update_available: z.boolean(),
          release_notes: z.string().nullable(),
          released_at: isoDateTime,
        })
        .meta({ id: "AppVersionInfo" }),
      errors: [404],
    },
    ({ query, lang }) => getAppVersion(c.deps, { platform: query.platform, currentVersion: query.current_version, lang }),
  );
}
