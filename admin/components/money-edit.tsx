/**
 * A money field in a form: staff type riyals ("12.50", Arabic-Indic digits accepted) and the
 * form sends halalas (1250), which is what the database keeps. Anything that is not an amount is
 * sent as typed, so the server answers with the field's error.
 */
import React, { useState } from "react";
import { FormGroup, FormMessage, Input, Label } from "@adminjs/design-system";
import { useTranslation, type EditPropertyProps } from "adminjs";

const toHalalas = (typed: string): number | string => {
  const v = typed.trim().replace(/[,\s]/g, "").replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (v === "") return "";
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : typed;
};

const MoneyEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty, tm } = useTranslation();
  const raw = record.params?.[property.path];
  const currency = String(record.params?.currency ?? "SAR");
  const [text, setText] = useState(raw === undefined || raw === null || raw === "" ? "" : (Number(raw) / 100).toFixed(2));
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={property.path} required={property.isRequired}>
        {translateProperty(property.label, property.resourceId)} ({currency})
      </Label>
      <Input
        id={property.path}
        name={property.path}
        inputMode="decimal"
        dir="ltr"
        placeholder="0.00"
        value={text}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          setText(e.target.value);
          onChange(property.path, toHalalas(e.target.value));
        }}
      />
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default MoneyEdit;
