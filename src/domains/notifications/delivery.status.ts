/**
 * A delivery's statuses: queued → sent | failed | skipped, and failed → queued (staff send it
 * again). Deliveries move by compare-and-set SQL (`… WHERE status IN (<from>)`), in batches, not
 * by one locked transition and audit row each: a broadcast sends a hundred thousand of them. The
 * moves are declared here all the same; the writes and the panel take their statuses from it.
 */
import type { DeliveryStatus } from "@prisma/client";
import { defineMachine } from "../../platform/transitions.js";

export const deliveryMachine = defineMachine<DeliveryStatus>({
  entity: "NotificationDelivery",
  model: "notificationDelivery",
  table: "notifications_notificationdelivery",
  transitions: {
    queued: ["sent", "failed", "skipped"],
    sent: [],
    failed: ["queued"],
    skipped: [],
  },
});

/** The statuses a delivery may move to `to` from (the compare-and-set's `WHERE status IN`). */
export function deliveryMovesFrom(to: DeliveryStatus): DeliveryStatus[] {
  return (Object.keys(deliveryMachine.transitions) as DeliveryStatus[]).filter((s) => deliveryMachine.transitions[s].includes(to));
}
