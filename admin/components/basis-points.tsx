/** Shows a rate stored in basis points (1500 = 15%) as a percentage; on show pages with its label. */
import React from "react";
import { Text, ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const BasisPoints: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { i18n, translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  const locale = i18n.language === "ar" ? "ar-SA" : "en-SA";
  const text =
    raw === null || raw === undefined || raw === ""
      ? "—"
      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(Number(raw) / 10_000);
  const value = <Text data-basis-points={raw}>{text}</Text>;
  if (where !== "show") return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default BasisPoints;
