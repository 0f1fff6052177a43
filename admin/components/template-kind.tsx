/**
 * The notification a new template is for: the catalog's kinds by their title in the staff
 * member's language (and key), with the channels each is sent on. The map of events links here
 * with ?key=…&channel=… to start a template for a channel that has none.
 */
import React, { useEffect } from "react";
import { FormGroup, FormMessage, Label, Select, Text } from "@adminjs/design-system";
import { useTranslation, type EditPropertyProps } from "adminjs";

interface Kind { key: string; channels: string[]; titleAr: string; titleEn: string }

const TemplateKind: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty, translateMessage, translateLabel, i18n } = useTranslation();
  const kinds = (property.custom as { kinds?: Kind[] } | undefined)?.kinds ?? [];
  const value = String(record?.params?.key ?? "");
  const error = record?.errors?.[property.path];
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const key = q.get("key");
    const channel = q.get("channel");
    if (!value && key && kinds.some((k) => k.key === key)) {
      onChange("key", key);
      if (channel) onChange("channel", channel);
    }
    // A new template is active unless staff untick it (the stock form would show it off).
    if (record?.params?.isActive === undefined) onChange("isActive", true);
  }, []);
  const label = (k: Kind) => `${i18n.language === "ar" ? k.titleAr : k.titleEn} — ${k.key}`;
  const options = kinds.map((k) => ({ value: k.key, label: label(k) }));
  const chosen = kinds.find((k) => k.key === value);
  return (
    <FormGroup error={!!error}>
      <Label htmlFor="key" required>{translateProperty(property.label, property.resourceId)}</Label>
      <Select inputId="key" value={options.find((o) => o.value === value) ?? null} options={options} onChange={(o: { value: string } | null) => onChange("key", o?.value ?? "")} />
      {chosen && (
        <Text variant="sm" color="grey60" mt="sm" data-testid="kind-channels">
          {translateMessage("kindChannels")} {chosen.channels.map((c) => translateLabel(`channel.${c}`, property.resourceId)).join(" · ")}
        </Text>
      )}
      <FormMessage>{error && translateMessage(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default TemplateKind;
