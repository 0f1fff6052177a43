/**
 * A date-time as "2026-12-01 22:07" in Riyadh time, Latin digits, kept in reading order and on
 * one line in Arabic pages too (an isolated left-to-right run: RTL would otherwise show the time
 * before the date and wrap between them).
 */
import React from "react";
import { ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const FORMAT = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Riyadh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function formatDateTime(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  const parts = Object.fromEntries(FORMAT.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const DateTime: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { translateProperty } = useTranslation();
  const text = formatDateTime(record?.params?.[property.path]);
  const value = text ? (
    <bdi dir="ltr" className="nw-datetime" data-datetime={String(record?.params?.[property.path])}>
      {text}
    </bdi>
  ) : (
    <span>—</span>
  );
  if (where !== "show") return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default DateTime;
