/**
 * A setting's value (JSON) in the panel. The stock form has no editor for a JSON column (AdminJS
 * shows an empty "mixed" field), so the edit form offers the value as JSON text, sent as
 * `valueJson`; the server checks it against the setting's schema and answers with a field error.
 */
import React, { useState } from "react";
import { FormGroup, FormMessage, Label, Text, TextArea, ValueGroup } from "@adminjs/design-system";
import { flat, useTranslation, type EditPropertyProps } from "adminjs";

const storedJson = (params: Record<string, unknown> | undefined, path: string, indent?: number) => JSON.stringify(flat.get((params ?? {}) as Parameters<typeof flat.get>[0], path) ?? null, null, indent);

const Edit: React.FC<EditPropertyProps> = ({ record, property, onChange }) => {
  const { translateProperty } = useTranslation();
  const [text, setText] = useState(() => storedJson(record?.params, property.path, 2));
  const error = record?.errors?.[property.path];
  return (
    <FormGroup error={!!error}>
      <Label htmlFor="setting-value">{translateProperty(property.label, property.resourceId)}</Label>
      <TextArea
        id="setting-value"
        name="valueJson"
        dir="ltr"
        width={1}
        rows={Math.min(24, text.split("\n").length + 1)}
        // JSON reads left to right on Arabic pages too (the panel's RTL stylesheet would flip it).
        style={{ fontFamily: "monospace", direction: "ltr", textAlign: "left" }}
        value={text}
        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
          setText(e.target.value);
          onChange("valueJson", e.target.value);
        }}
      />
      <FormMessage data-testid="setting-value-error">{error?.message}</FormMessage>
    </FormGroup>
  );
};

const SettingValue: React.FC<EditPropertyProps> = (props) => {
  const { record, property, where } = props;
  const { translateProperty } = useTranslation();
  if (where === "edit") return <Edit {...props} />;
  if (where === "list") {
    const json = storedJson(record?.params, property.path);
    return <Text dir="ltr" style={{ direction: "ltr" }}>{json.length > 80 ? `${json.slice(0, 79)}…` : json}</Text>;
  }
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      <pre dir="ltr" style={{ whiteSpace: "pre-wrap", margin: 0, direction: "ltr", textAlign: "left" }}>{storedJson(record?.params, property.path, 2)}</pre>
    </ValueGroup>
  );
};

export default SettingValue;
