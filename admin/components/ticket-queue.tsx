/**
 * The support desk's queues: tabs Unassigned, Mine, My teams, Breached and Waiting on the
 * customer, each with its count; rows most urgent first (as the domain sorts them) with the
 * customer, type, priority, team, assignee and the running deadline ("due in 2 h", "overdue
 * 35 min"; breached rows in red, stopped clocks marked paused); a ticket's code or subject opens
 * its workspace. Next takes the most urgent ticket waiting for support and opens it. The page
 * refreshes itself every minute.
 */
import React, { useState } from "react";
import { Box, Button, Loader, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";
import { useQueue } from "./use-queue.js";
import { dueText } from "./sla-time.js";

interface Row { id: number; code: string; subject: string; type: string; status: string; priority: string; customer: string; team: string | null; assignee: string | null; dueAt: string | null; breached: boolean; paused: boolean }
interface Data { view: string; views: string[]; counts: Record<string, number>; rows: Row[]; now: string }

const REFRESH_MS = 60_000;

const TicketQueue: React.FC<ActionProps> = ({ resource }) => {
  const { translateMessage, translateButton, translateLabel, i18n } = useTranslation();
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const [view, setView] = useState(() => new URLSearchParams(window.location.search).get("view") || "unassigned");
  const { data, busy, post } = useQueue<Data>(resource.id, view, REFRESH_MS);

  const pick = (v: string) => {
    setView(v);
    window.history.replaceState(null, "", `${window.location.pathname}?view=${v}`);
  };

  const number = new Intl.NumberFormat(i18n.language === "ar" ? "ar-SA-u-nu-latn" : "en-SA");
  const label = (field: string, value: string) => translateLabel(`${field}.${value}`, resource.id);
  const href = (id: number) => `/admin/resources/${resource.id}/records/${id}/review`;
  return (
    <Box variant="container" data-testid="ticket-queue">
      <Box flex flexDirection="row" alignItems="flex-end" style={{ gap: 12, flexWrap: "wrap" }} mb="lg">
        <Box className="nw-tabs" role="tablist" style={{ flexGrow: 1 }}>
          {(data?.views ?? [view]).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={v === view} className={`nw-tab${v === view ? " nw-tab-active" : ""}${v === "breached" && (data?.counts[v] ?? 0) > 0 ? " nw-tab-urgent" : ""}`} onClick={() => pick(v)} data-testid={`queue-view-${v}`}>
              {t(`deskQueue_${v}`)} <span className="nw-tab-count" data-testid={`queue-count-${v}`}>{number.format(data?.counts[v] ?? 0)}</span>
            </button>
          ))}
        </Box>
        <Button variant="contained" disabled={busy} onClick={() => post({ op: "next" })} data-testid="queue-next">{translateButton("nextTicket", resource.id)}</Button>
      </Box>
      {!data && <Loader />}
      {data && data.rows.length === 0 && <Text data-testid="queue-empty">{t("queueEmpty")}</Text>}
      {data && data.rows.length > 0 && (
        <table className="nw-table nw-ticket-table" data-testid="queue-table">
          <thead>
            <tr>
              <th>{t("deskTicket")}</th>
              <th>{t("deskSubject")}</th>
              <th>{t("deskCustomer")}</th>
              <th>{t("deskPriority")}</th>
              <th>{t("deskTeam")}</th>
              <th>{t("deskAssignee")}</th>
              <th>{t("deskDue")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => {
              const due = dueText(t, r.dueAt, data.now);
              const late = r.breached || (!r.paused && !!due?.overdue);
              return (
                <tr key={r.id} className={late ? "nw-row-breached" : undefined} data-testid={`queue-row-${r.id}`} data-breached={late ? "true" : "false"}>
                  <td><a href={href(r.id)} data-testid={`queue-open-${r.id}`}><bdi dir="ltr">{r.code}</bdi></a></td>
                  <td className="nw-wrap">
                    <a href={href(r.id)} className="nw-subject-link"><bdi>{r.subject}</bdi></a>
                    <Text as="span" color="grey60" className="nw-details">{label("type", r.type)} · {label("status", r.status)}</Text>
                  </td>
                  <td className="nw-wrap-name"><bdi>{r.customer}</bdi></td>
                  <td><span className={`nw-chip nw-prio-${r.priority}`}>{label("priority", r.priority)}</span></td>
                  <td className="nw-wrap-name">{r.team ? <bdi>{r.team}</bdi> : <Text as="span" color="grey60">—</Text>}</td>
                  <td className="nw-wrap-name">{r.assignee ? <bdi>{r.assignee}</bdi> : <Text as="span" color="grey60">{t("queueNobody")}</Text>}</td>
                  <td className="nw-due" data-testid={`queue-due-${r.id}`}>
                    {r.paused ? (
                      <span className="nw-chip nw-chip-paused">{t("slaPaused")}</span>
                    ) : (
                      due && <span className={late ? "nw-late" : undefined}>{due.text}</span>
                    )}
                    {r.breached && <span className="nw-chip nw-chip-breached">{t("slaBreached")}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Box>
  );
};

export default TicketQueue;
