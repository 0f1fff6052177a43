/** An export job's life: queued → running → completed → expired (its file deleted), or running → failed. */
import type { ExportJobStatus } from "@prisma/client";
import { defineMachine } from "../../platform/transitions.js";

export const exportJobMachine = defineMachine<ExportJobStatus>({
  entity: "ExportJob",
  model: "exportJob",
  table: "backoffice_exportjob",
  transitions: {
    queued: ["running"],
    running: ["completed", "failed"],
    completed: ["expired"],
    failed: [],
    expired: [],
  },
});
