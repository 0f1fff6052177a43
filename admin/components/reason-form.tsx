/**
 * The form of a record action that changes state (cancel, reject, restore...): an optional
 * reason and a confirm button. Sends POST; the server does nothing on GET.
 */
import React, { useState } from "react";
import { Box, Button, FormGroup, Input, Label, TextArea, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

const api = new ApiClient();

const ReasonForm: React.FC<ActionProps> = ({ record, resource, action }) => {
  const [reason, setReason] = useState("");
  const fields = ((action.custom as { fields?: { name: string; kind: string; required?: boolean }[] } | undefined)?.fields ?? []);
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateLabel, translateButton, translateMessage } = useTranslation();
  const needsReason = (action.custom as { needsReason?: boolean } | undefined)?.needsReason !== false;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const res = await api.recordAction({
        resourceId: resource.id,
        recordId: record!.id,
        actionName: action.name,
        method: "post",
        data: { reason, ...values },
      });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl && res.data.notice?.type !== "error") window.location.assign(res.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" variant="container" onSubmit={submit} data-testid="reason-form">
      <Text mb="lg">{translateMessage(`${action.name}Confirm`, resource.id)}</Text>
      {needsReason && (
        <FormGroup>
          <Label required htmlFor="reason">{translateLabel("reason", resource.id)}</Label>
          <TextArea id="reason" name="reason" rows={4} width={1} value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
        </FormGroup>
      )}
      {fields.map((f) => (
        <FormGroup key={f.name}>
          <Label required={f.required} htmlFor={f.name}>{translateLabel(f.name, resource.id)}</Label>
          <Input
            id={f.name}
            name={f.name}
            width={1}
            type={f.kind === "password" ? "password" : "text"}
            autoComplete={f.kind === "password" ? "new-password" : undefined}
            inputMode={f.kind === "text" || f.kind === "password" ? "text" : "decimal"}
            value={values[f.name] ?? ""}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [f.name]: e.target.value })}
          />
        </FormGroup>
      ))}
      <Button variant="danger" type="submit" disabled={busy || (needsReason && reason.trim().length < 3) || fields.some((f) => f.required && !(values[f.name] ?? "").trim())}>
        {translateButton("confirm", resource.id)}
      </Button>
    </Box>
  );
};

export default ReasonForm;
