/**
 * A personal data export's life: queued → running → ready (downloadable until it expires) | failed.
 * ready → expired is declared for the enum's last status; today retention deletes such rows instead.
 */
import type { DataExportStatus } from "@prisma/client";
import { defineMachine } from "../../platform/transitions.js";

export const dataExportMachine = defineMachine<DataExportStatus>({
  entity: "DataExport",
  model: "dataExport",
  table: "accounts_dataexport",
  transitions: {
    queued: ["running"],
    running: ["ready", "failed"],
    ready: ["expired"],
    failed: [],
    expired: [],
  },
});
