/**
 * Compact cells of the deliveries list (which also shows under each notification): a long value
 * (an error, a provider's message id) cut to the column with the whole of it on hover, and "when"
 * — the time it was sent, or failed.
 */
import React from "react";
import { useTranslation, type BasePropertyProps } from "adminjs";
import { formatDateTime } from "./date-time.js";

const DeliveryCell: React.FC<BasePropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const params = record?.params ?? {};
  if (property.path === "when") {
    const failed = !params.sentAt && params.failedAt;
    const text = formatDateTime(params.sentAt ?? params.failedAt);
    if (!text) return <span>—</span>;
    return (
      <bdi dir="ltr" className={`nw-datetime ${failed ? "nw-late" : ""}`} title={translateProperty(failed ? "failedAt" : "sentAt", property.resourceId)}>
        {text}
      </bdi>
    );
  }
  const value = params[property.path];
  if (value === null || value === undefined || value === "") return <span>—</span>;
  return <bdi className="nw-trunc" title={String(value)} dir="auto">{String(value)}</bdi>;
};

export default DeliveryCell;
