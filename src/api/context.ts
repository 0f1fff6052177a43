/** What every route group receives: the domain dependencies, config, logger and file storage. */
import type { Config } from "../platform/config.js";
import type { Deps } from "../platform/deps.js";
import type { Logger } from "../platform/logger.js";
import type { Storage } from "../platform/storage.js";

export interface ApiContext {
  deps: Deps;
  cfg: Config;
  log: Logger;
  storage: Storage;
}
