/**
 * A list of channels (a broadcast's): checkboxes in the form, names in the staff member's
 * language on lists and show pages.
 */
import React from "react";
import { FormGroup, FormMessage, Label, ValueGroup } from "@adminjs/design-system";
import { flat, useTranslation, type BasePropertyProps } from "adminjs";

/** The order staff think of channels in (the enum's order is the schema's history). */
const ORDER = ["in_app", "push", "email", "sms", "whatsapp"];

const valuesOf = (params: Record<string, unknown> | undefined, path: string): string[] => {
  const v = flat.get((params ?? {}) as Parameters<typeof flat.get>[0], path) as unknown;
  return Array.isArray(v) ? v.map(String) : [];
};

const Channels: React.FC<BasePropertyProps> = ({ property, record, onChange, where }) => {
  const { translateProperty, translateLabel, translateMessage } = useTranslation();
  const chosen = valuesOf(record?.params, property.path);
  const name = (c: string) => translateLabel(`${property.path}.${c}`, property.resourceId, { defaultValue: c });
  if (where === "edit") {
    const offered = (property.availableValues ?? []).map((v) => String(v.value));
    const all = [...ORDER.filter((c) => offered.includes(c)), ...offered.filter((c) => !ORDER.includes(c))];
    const error = record?.errors?.[property.path];
    const toggle = (c: string) => onChange?.(property.path, all.filter((x) => (x === c ? !chosen.includes(c) : chosen.includes(x))));
    return (
      <FormGroup error={!!error}>
        <Label required>{translateProperty(property.label, property.resourceId)}</Label>
        <div className="nw-checks" data-testid={`checks-${property.path}`}>
          {all.map((c) => (
            <label key={c} className="nw-check">
              <input type="checkbox" name={`${property.path}-${c}`} value={c} checked={chosen.includes(c)} onChange={() => toggle(c)} />
              {name(c)}
            </label>
          ))}
        </div>
        <FormMessage>{error && translateMessage(error.message, property.resourceId)}</FormMessage>
      </FormGroup>
    );
  }
  const shown = chosen.length ? chosen.map(name).join(" · ") : "—";
  if (where !== "show") return <span>{shown}</span>;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{shown}</ValueGroup>;
};

export default Channels;
