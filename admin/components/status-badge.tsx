/** A status shown as a badge coloured by what it means (admin/status-tones.ts), in the staff member's language. */
import React from "react";
import { Badge, ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const COLORS: Record<string, { bg: string; fg: string }> = {
  info: { bg: "#e5edff", fg: "#1d4ed8" },
  warning: { bg: "#fff3d6", fg: "#8a5a00" },
  success: { bg: "#dcf5e6", fg: "#14713d" },
  danger: { bg: "#fde4e1", fg: "#b42318" },
  muted: { bg: "#eeeff2", fg: "#5b5d6b" },
  neutral: { bg: "#f1f2f6", fg: "#353748" },
};

const StatusBadge: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { translateProperty, tl } = useTranslation();
  const value = record?.params?.[property.path];
  const tones = (property.custom as { tones?: Record<string, string> } | undefined)?.tones ?? {};
  const tone = COLORS[tones[String(value)] ?? "neutral"] ?? COLORS.neutral!;
  const raw = String(value ?? "");
  const label = tl(`${property.propertyPath}.${raw}`, property.resourceId, { defaultValue: raw.replace(/_/g, " ") });
  const badge = value === null || value === undefined || value === "" ? <span>—</span> : (
    <Badge data-status={String(value)} data-tone={tones[String(value)] ?? "neutral"} style={{ background: tone.bg, color: tone.fg, border: "none", whiteSpace: "nowrap", fontWeight: 500 }}>
      {label}
    </Badge>
  );
  if (where !== "show") return badge;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{badge}</ValueGroup>;
};

export default StatusBadge;
