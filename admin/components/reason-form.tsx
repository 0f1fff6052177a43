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
  const { translateLabel, translateButton, translateMessage, i18n } = useTranslation();
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

  const params = record?.params ?? {};
  const customer = ["user", "client", "requester", "provider"].map((k) => (record?.populated?.[k] as { title?: string } | undefined)?.title).find(Boolean);
  const rawAmount = params.total ?? params.amount ?? params.localAmount ?? params.remoteAmount;
  const amount =
    rawAmount === undefined || rawAmount === null || rawAmount === ""
      ? undefined
      : new Intl.NumberFormat(i18n.language === "ar" ? "ar-SA-u-nu-latn" : "en-SA", { style: "currency", currency: String(params.currency ?? "SAR") }).format(Number(rawAmount) / 100);
  return (
    <Box as="form" variant="container" onSubmit={submit} data-testid="reason-form">
      <Box mb="lg" data-testid="reason-form-subject" style={{ display: "flex", flexWrap: "wrap", gap: "6px 18px", alignItems: "baseline" }}>
        <Text fontWeight="bold" style={{ fontSize: 18 }}>
          <bdi>{record?.title || `#${record?.id}`}</bdi>
        </Text>
        {customer && <Text color="grey80"><bdi>{customer}</bdi></Text>}
        {amount && <Text data-money={String(rawAmount)} color="grey80">{amount}</Text>}
      </Box>
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
