/** What domain commands need from the platform, passed explicitly (no globals). */
import type { PrismaClient } from "@prisma/client";
import type { Boss } from "./jobs.js";

export interface Deps {
  db: PrismaClient;
  boss: Boss;
}
