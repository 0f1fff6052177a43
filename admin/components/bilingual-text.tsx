/**
 * A text field written in one language (its name ends in Ar or En): typed right to left for
 * Arabic and left to right for English whatever the page's direction. Under a template's body it
 * lists the variables its notification provides; a click puts one at the cursor.
 */
import React, { useRef } from "react";
import { FormGroup, FormMessage, Input, Label, Text, TextArea } from "@adminjs/design-system";
import { useTranslation, type EditPropertyProps } from "adminjs";

const BilingualText: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty, translateMessage } = useTranslation();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const lang = property.path.endsWith("Ar") ? "ar" : "en";
  const value = String(record?.params?.[property.path] ?? "");
  const error = record?.errors?.[property.path];
  const byKind = (property.custom as { variables?: Record<string, string[]> } | undefined)?.variables;
  const key = String(record?.params?.key ?? "");
  const variables = byKind ? byKind[key] : undefined;
  // A template's subject is required where its channel shows one (email, push, in-app).
  const required = property.isRequired || (property.path.startsWith("subject") && ["email", "push", "in_app"].includes(String(record?.params?.channel ?? "")));
  const set = (v: string) => onChange(property.path, v);
  const insert = (name: string) => {
    const el = ref.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    set(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => el?.focus());
  };
  const common = { id: property.path, name: property.path, ref, dir: lang === "ar" ? "rtl" : "ltr", lang, width: 1, value, "data-testid": `text-${property.path}` };
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={property.path} required={required}>{translateProperty(property.label, property.resourceId)}</Label>
      {property.type === "textarea" ? (
        <TextArea {...common} rows={5} style={{ textAlign: "start" }} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(e.target.value)} />
      ) : (
        <Input {...common} style={{ textAlign: "start" }} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(e.target.value)} />
      )}
      {byKind && (
        <Text variant="sm" color="grey60" mt="sm" data-testid={`variables-${property.path}`}>
          {!key ? translateMessage("chooseKindFirst") : variables?.length ? (
            <>
              {translateMessage("variablesHint")}
              {variables.map((v) => (
                <button key={v} type="button" className="nw-chip nw-var" onClick={() => insert(v)} dir="ltr">{`{{${v}}}`}</button>
              ))}
            </>
          ) : translateMessage("variablesNone")}
        </Text>
      )}
      <FormMessage>{error && translateMessage(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default BilingualText;
