/** Shows an amount stored in minor units (halalas) as money with the record's currency. */
import React from "react";
import { Text } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const Money: React.FC<BasePropertyProps> = ({ record, property }) => {
  const { i18n } = useTranslation();
  const raw = record?.params?.[property.path];
  if (raw === null || raw === undefined || raw === "") return <Text>—</Text>;
  const currency = String(record?.params?.currency ?? "SAR");
  const locale = i18n.language === "ar" ? "ar-SA" : "en-SA";
  let text: string;
  try {
    text = new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(raw) / 100);
  } catch {
    text = `${(Number(raw) / 100).toFixed(2)} ${currency}`;
  }
  return <Text data-money={raw}>{text}</Text>;
};

export default Money;
