/**
 * Reconciliation runs in the panel. As the resource action "startRun": two calendar days (Riyadh,
 * both inclusive) and a start button that POSTs them (nothing happens on GET). As the record
 * action "exportCsv": a link that downloads the run's items as CSV.
 */
import React, { useState } from "react";
import { Box, Button, FormGroup, Input, Label, Link, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

const api = new ApiClient();

/** YYYY-MM-DD in Riyadh (UTC+3, no daylight saving), `daysBack` days ago. */
function riyadhDay(daysBack: number): string {
  return new Date(Date.now() + 3 * 3_600_000 - daysBack * 86_400_000).toISOString().slice(0, 10);
}

const ReconciliationRunForm: React.FC<ActionProps> = ({ record, resource, action }) => {
  // Yesterday by default (what the daily run covers); today is allowed, up to now.
  const day = riyadhDay(1);
  const today = riyadhDay(0);
  const [from, setFrom] = useState(day);
  const [to, setTo] = useState(day);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateLabel, translateButton, translateMessage } = useTranslation();

  if (record) {
    const path = String((action.custom as { csvPath?: string } | undefined)?.csvPath ?? "").replace("{id}", encodeURIComponent(String(record.id)));
    return (
      <Box variant="container" data-testid="reconciliation-export">
        <Text mb="lg">{translateMessage("exportCsvHint", resource.id)}</Text>
        <Link href={path} download data-testid="reconciliation-csv-link">
          {translateLabel("downloadCsv", resource.id)}
        </Link>
      </Box>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const res = await api.resourceAction({ resourceId: resource.id, actionName: action.name, method: "post", data: { from, to } });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl && res.data.notice?.type !== "error") window.location.assign(res.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" variant="container" onSubmit={submit} data-testid="reconciliation-run-form">
      <Text mb="lg">{translateMessage("startRunHint", resource.id)}</Text>
      <FormGroup>
        <Label required htmlFor="from">{translateLabel("periodFrom", resource.id)}</Label>
        <Input id="from" name="from" type="date" value={from} max={today} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
      </FormGroup>
      <FormGroup>
        <Label required htmlFor="to">{translateLabel("periodTo", resource.id)}</Label>
        <Input id="to" name="to" type="date" value={to} min={from} max={today} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
      </FormGroup>
      <Button variant="primary" type="submit" disabled={busy || !from || !to}>
        {translateButton("startRun", resource.id)}
      </Button>
    </Box>
  );
};

export default ReconciliationRunForm;
