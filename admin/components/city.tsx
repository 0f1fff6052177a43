/**
 * A city column (stored in English, as the app filters by it) shown by its Arabic name on Arabic
 * pages. The names come from src/platform/cities.ts as `custom.arabicNames`, keyed by the stored
 * name lower-cased; a city the table does not know is shown as stored.
 */
import React from "react";
import { ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const City: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { i18n, translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  const stored = raw === null || raw === undefined ? "" : String(raw);
  const names = (property.custom as { arabicNames?: Record<string, string> } | undefined)?.arabicNames ?? {};
  const key = stored.trim().toLowerCase();
  const text = i18n.language === "ar" && Object.hasOwn(names, key) ? names[key] : stored;
  const value = text ? <bdi data-city={stored}>{text}</bdi> : <span>—</span>;
  if (where !== "show") return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default City;
