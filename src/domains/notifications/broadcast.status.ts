/**
 * Broadcast state machine.
 *   draft → sending (staff press Send: the audience is counted, the fan-out starts) → completed
 *   draft | sending → cancelled (staff stop it; what is still queued is not sent)
 */
import { defineMachine } from "../../platform/transitions.js";

export const BROADCAST_STATUSES = ["draft", "sending", "completed", "cancelled"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export const broadcastMachine = defineMachine<BroadcastStatus>({
  entity: "Broadcast",
  model: "broadcast",
  table: "notifications_broadcast",
  transitions: {
    draft: ["sending", "cancelled"], // written, its words and audience still editable
    sending: ["completed", "cancelled"], // fanning out in batches
    completed: [], // everyone in the audience was handled
    cancelled: [], // stopped by staff
  },
});

/** Who a broadcast goes to. */
export const BROADCAST_SEGMENTS = ["all_providers", "providers_in_city", "providers_in_subcategory", "all_clients"] as const;
export type BroadcastSegment = (typeof BROADCAST_SEGMENTS)[number];
