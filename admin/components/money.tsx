/** Shows an amount stored in minor units (halalas) as money with the record's currency; on show pages with its label. */
import React from "react";
import { Text, ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const Money: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { i18n, translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  let text = "—";
  if (raw !== null && raw !== undefined && raw !== "") {
    const currency = String(record?.params?.currency ?? "SAR");
    // One digit system on every page: Latin digits, as ids and dates use (Arabic words, Latin numbers).
    const locale = i18n.language === "ar" ? "ar-SA-u-nu-latn" : "en-SA";
    try {
      text = new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(raw) / 100);
    } catch {
      text = `${(Number(raw) / 100).toFixed(2)} ${currency}`;
    }
  }
  const value = <Text data-money={raw} style={{ whiteSpace: "nowrap" }}>{text}</Text>;
  if (where !== "show") return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default Money;
