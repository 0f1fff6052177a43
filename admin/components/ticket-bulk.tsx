/**
 * A bulk action on the ticket list (assign to an agent, set the priority, close): the picked
 * tickets, the one choice the action needs, and afterwards which tickets were done and which were
 * skipped and why (each ticket is its own step, so one refusal does not undo the rest).
 */
import React, { useEffect, useState } from "react";
import { Box, Button, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps, type RecordJSON } from "adminjs";

interface Result { done: { id: number; code: string }[]; skipped: { id: number; code: string; reason: string }[] }
interface Data { records: RecordJSON[]; agents: { id: number; name: string }[]; priorities: string[] }

const api = new ApiClient();

const TicketBulk: React.FC<ActionProps> = ({ resource, action, records: given }) => {
  const { translateMessage, translateButton, translateLabel } = useTranslation();
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const addNotice = useNotice();
  const kind = (action.custom as { kind: "bulkAssign" | "bulkPriority" | "bulkClose" }).kind;
  const recordIds = (given ?? []).map((r) => r.id);
  const [data, setData] = useState<Data | null>(null);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    api.bulkAction({ resourceId: resource.id, actionName: action.name, recordIds }).then((res) => setData(res.data as unknown as Data));
  }, [resource.id, action.name, recordIds.join(",")]);

  const submit = async () => {
    setBusy(true);
    try {
      const payload = kind === "bulkAssign" ? { assigneeId: value } : kind === "bulkPriority" ? { priority: value } : { note: value };
      const res = await api.bulkAction({ resourceId: resource.id, actionName: action.name, recordIds, method: "post", data: payload } as never);
      const out = res.data as unknown as { notice?: { message: string; type: string; options?: Record<string, unknown> }; result?: Result };
      if (out.notice) addNotice({ message: translateMessage(out.notice.message, resource.id, out.notice.options), type: out.notice.type } as never);
      if (out.result) setResult(out.result);
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <Loader />;
  const needsValue = kind !== "bulkClose";
  return (
    <Box variant="container" data-testid="ticket-bulk">
      <Text mb="default">{t(`${kind}Hint`, { count: data.records.length })}</Text>
      <ul className="nw-plain-list nw-bulk-list">
        {data.records.map((r) => (
          <li key={r.id}><bdi dir="ltr" className="nw-code">{String(r.params.code)}</bdi> <bdi>{String(r.params.subject)}</bdi> <span className="nw-chip">{translateLabel(`status.${r.params.status}`, resource.id)}</span></li>
        ))}
      </ul>
      {!result && (
        <Box className="nw-inline-form" mt="lg">
          {kind === "bulkAssign" && (
            <select className="nw-select" value={value} onChange={(e) => setValue(e.target.value)} data-testid="bulk-agent" aria-label={t("queueAssignTo")}>
              <option value="">{t("queueAssignTo")}</option>
              {data.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          )}
          {kind === "bulkPriority" && (
            <select className="nw-select" value={value} onChange={(e) => setValue(e.target.value)} data-testid="bulk-priority" aria-label={t("deskPriority")}>
              <option value="">{t("deskPriority")}…</option>
              {data.priorities.map((p) => <option key={p} value={p}>{translateLabel(`priority.${p}`, resource.id)}</option>)}
            </select>
          )}
          {kind === "bulkClose" && <input className="nw-input" dir="auto" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t("statusNote")} data-testid="bulk-note" />}
          <Button variant={kind === "bulkClose" ? "danger" : "contained"} disabled={busy || (needsValue && !value)} onClick={submit} data-testid="bulk-confirm">{translateButton("confirm", resource.id)}</Button>
        </Box>
      )}
      {result && (
        <Box mt="lg" data-testid="bulk-result">
          <Text fontWeight="bold" data-testid="bulk-done">{t("bulkDoneCount", { count: result.done.length })}</Text>
          {result.skipped.length > 0 && (
            <>
              <Text mt="default" fontWeight="bold" className="nw-late" data-testid="bulk-skipped">{t("bulkSkippedCount", { count: result.skipped.length })}</Text>
              <ul className="nw-plain-list">
                {result.skipped.map((s) => <li key={s.id}><bdi dir="ltr" className="nw-code">{s.code}</bdi> {s.reason}</li>)}
              </ul>
            </>
          )}
          <Box mt="lg"><a className="nw-link-button" href={`/admin/resources/${resource.id}`}>{t("backToTickets")}</a></Box>
        </Box>
      )}
    </Box>
  );
};

export default TicketBulk;
