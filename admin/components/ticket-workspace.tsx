/**
 * The support workspace of one ticket. Main column: the conversation as one timeline (the
 * customer's messages, public replies, internal notes on yellow, status changes and assignments)
 * and the composer (Reply with canned replies in Arabic or English, sent with what happens next or
 * kept as the agent's draft; Internal note). Side: triage (priority, team, assignee), the status
 * moves the machine allows, reopen, merge into another open ticket of the customer, the customer
 * and their other tickets and requests. A dispute's request, offers, messages, the customer's paid
 * invoices and the decision lead the main column. Every change is a POST naming its operation; the page
 * redraws from the server's answer.
 */
import React, { useEffect, useRef, useState } from "react";
import { Box, Button, H3, H5, Loader, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";
import { useWorkspace } from "./use-workspace.js";
import { formatDateTime } from "./date-time.js";
import { dueText } from "./sla-time.js";

type Lang = "ar" | "en";
interface Attachment { id: number; fileName: string; mimeType: string; sizeBytes: number; url: string }
type Item =
  | { kind: "comment"; at: string; id: number; visibility: "public_reply" | "internal_note"; body: string; author: { id: number; name: string; staff: boolean }; attachments: Attachment[] }
  | { kind: "status"; at: string; from: string | null; to: string; actor: string | null; actorType: string; note: string | null }
  | { kind: "assignment"; at: string; actor: string | null; assignee: string | null; team: string | null; priority: string | null };
interface Money { id: number; number: string; purpose: string; total: number; amountRefunded: number; currency: string; paidAt: string | null; status: string }
interface Workspace {
  now: string;
  me: number;
  ticket: {
    id: number; code: string; subject: string; status: string; statusTone: string; priority: string; type: string; createdAt: string;
    requester: { id: number; fullName: string; phone: string | null; email: string | null; userType: string; language: Lang; createdAt: string };
    team: { id: number; name: string } | null; assignee: { id: number; name: string } | null;
    mergedInto: { id: number; code: string } | null; mergedFrom: { id: number; code: string }[]; followUpOf: { id: number; code: string } | null;
    reportedUser: { id: number; fullName: string } | null; reportedEntity: string | null; reportedEntityId: string | null; relatedRequestId: number | null;
    rating: number | null; ratingComment: string | null;
  };
  sla: { kind: "first_response" | "resolution" | null; dueAt: string | null; paused: boolean; breached: boolean };
  timeline: Item[];
  myDraft: { id: number; body: string } | null;
  othersDrafts: number;
  canned: { id: number; title: string; bodyAr: string; bodyEn: string }[];
  customerLanguage: Lang;
  options: {
    canWrite: boolean; canTriage: boolean; statuses: string[]; canReopen: boolean;
    mergeTargets: { id: number; code: string; subject: string }[];
    teams: { id: number; name: string }[]; agents: { id: number; name: string; teamIds: number[] }[]; priorities: string[];
  };
  otherTickets: { id: number; code: string; subject: string; status: string; createdAt: string }[];
  recentRequests: { id: number; title: string; status: string; createdAt: string }[];
  dispute: null | {
    id: number; status: string; statusTone: string; kind: string; outcome: string | null; resolution: string | null; refundAmount: number | null; description: string;
    request: null | {
      id: number; title: string; status: string; city: string | null;
      client: { id: number; fullName: string }; provider: { userId: number; displayName: string } | null;
      offers: { id: number; price: number; status: string; provider: { displayName: string } }[];
      messages: { id: number; body: string; createdAt: string; sender: { id: number; fullName: string } }[];
    };
    invoices: Money[];
    canStartReview: boolean; canResolve: boolean; outcomes: string[];
  };
}

/** How often the open workspace redraws (a customer's answer, a colleague's note). */
const REFRESH_MS = 60_000;

const When: React.FC<{ at: string }> = ({ at }) => <bdi dir="ltr" className="nw-datetime">{formatDateTime(at)}</bdi>;

const TicketWorkspace: React.FC<ActionProps> = ({ record, resource }) => {
  const { translateMessage, translateButton, translateLabel, i18n } = useTranslation();
  const lang: Lang = i18n.language === "en" ? "en" : "ar";
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const label = (field: string, value: string, model = resource.id) => translateLabel(`${field}.${value}`, model);
  const { ws, busy, run } = useWorkspace<Workspace>(resource.id, record!.id, () => undefined, REFRESH_MS);

  if (!ws) return <Loader />;
  const tk = ws.ticket;
  const due = dueText(t, ws.sla.dueAt, ws.now);
  const late = ws.sla.breached || (!ws.sla.paused && !!due?.overdue);
  const money = (halalas: number, currency = "SAR") => new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-latn" : "en-SA", { style: "currency", currency }).format(halalas / 100);

  return (
    <Box data-testid="ticket-workspace" className="nw-workspace nw-ticket-ws">
      <Box variant="container" mb="lg" className="nw-ws-head">
        <H3 mb="default" className="nw-ticket-title"><bdi dir="ltr">{tk.code}</bdi> · <bdi>{tk.subject}</bdi></H3>
        <Box className="nw-chips">
          <span className={`nw-chip nw-tone-${tk.statusTone}`} data-testid="ticket-status" data-status={tk.status}>{label("status", tk.status)}</span>
          <span className={`nw-chip nw-prio-${tk.priority}`} data-testid="ticket-priority">{label("priority", tk.priority)}</span>
          <span className="nw-chip">{label("type", tk.type)}</span>
          {ws.sla.paused && <span className="nw-chip nw-chip-paused" data-testid="ticket-sla">{t("slaPausedLong")}</span>}
          {!ws.sla.paused && due && ws.sla.kind && (
            <span className={`nw-chip ${late ? "nw-chip-breached" : "nw-chip-info"}`} data-testid="ticket-sla">{t(ws.sla.kind === "first_response" ? "slaFirstResponse" : "slaResolution")} · {due.text}</span>
          )}
          {ws.sla.breached && <span className="nw-chip nw-chip-breached">{t("slaBreached")}</span>}
        </Box>
        <Box className="nw-doc-meta" mt="default">
          <span><strong>{t("deskCustomer")}:</strong> <bdi>{tk.requester.fullName}</bdi></span>
          <span><strong>{t("deskOpened")}:</strong> <When at={tk.createdAt} /></span>
          <span><strong>{t("deskTeam")}:</strong> {tk.team ? <bdi>{tk.team.name}</bdi> : "—"}</span>
          <span><strong>{t("deskAssignee")}:</strong> {tk.assignee ? <bdi>{tk.assignee.name}</bdi> : t("queueNobody")}</span>
          {tk.rating !== null && <span><strong>{t("deskRating")}:</strong> {"★".repeat(tk.rating)}{tk.ratingComment && <> · <bdi>{tk.ratingComment}</bdi></>}</span>}
        </Box>
        {tk.mergedInto && (
          <Text mt="default" className="nw-banner" data-testid="ticket-merged">{t("ticketMergedInto")} <a href={`/admin/resources/SupportTicket/records/${tk.mergedInto.id}/review`}><bdi dir="ltr">{tk.mergedInto.code}</bdi></a></Text>
        )}
        {tk.followUpOf && <Text mt="sm" color="grey80">{t("ticketFollowUpOf")} <a href={`/admin/resources/SupportTicket/records/${tk.followUpOf.id}/review`}><bdi dir="ltr">{tk.followUpOf.code}</bdi></a></Text>}
        {tk.mergedFrom.length > 0 && <Text mt="sm" color="grey80">{t("ticketMergedFrom")} {tk.mergedFrom.map((m) => <bdi key={m.id} dir="ltr" className="nw-code">{m.code}</bdi>)}</Text>}
        {tk.reportedUser && <Text mt="sm" color="grey80">{t("ticketReportedUser")}: <a href={`/admin/resources/User/records/${tk.reportedUser.id}/show`}><bdi>{tk.reportedUser.fullName}</bdi></a></Text>}
        {tk.reportedEntity && <Text mt="sm" color="grey80">{t("ticketReportedContent")}: <bdi dir="ltr">{tk.reportedEntity} #{tk.reportedEntityId}</bdi></Text>}
      </Box>

      <Box className="nw-ws-grid">
        <Box className="nw-ws-main">
          {ws.dispute && <DisputeBox ws={ws} busy={busy} run={run} t={t} label={label} money={money} translateButton={(k) => translateButton(k, resource.id)} />}
          <Box variant="container" mb="lg" data-testid="ticket-timeline">
            <H5>{t("conversation")}</H5>
            <Timeline items={ws.timeline} t={t} label={label} />
          </Box>
          <Composer ws={ws} busy={busy} run={run} t={t} translateButton={(k) => translateButton(k, resource.id)} label={label} />
        </Box>

        <Box className="nw-ws-side">
          {ws.options.canTriage && <Triage ws={ws} busy={busy} run={run} t={t} label={label} saveLabel={translateButton("saveTriage", resource.id)} />}
          <StatusBox ws={ws} busy={busy} run={run} t={t} label={label} translateButton={(k) => translateButton(k, resource.id)} />
          <Box variant="container" mb="lg" data-testid="ticket-customer">
            <H5>{t("deskCustomer")}</H5>
            <Text fontWeight="bold"><a href={`/admin/resources/User/records/${tk.requester.id}/show`}><bdi>{tk.requester.fullName}</bdi></a></Text>
            <Text color="grey80">{label("userType", tk.requester.userType, "User")} · {tk.requester.language === "ar" ? "العربية" : "English"}</Text>
            {tk.requester.phone && <Text color="grey80"><bdi dir="ltr">{tk.requester.phone}</bdi></Text>}
            {tk.requester.email && <Text color="grey80" className="nw-break"><bdi dir="ltr">{tk.requester.email}</bdi></Text>}
            <H5 mt="lg">{t("otherTickets")}</H5>
            {ws.otherTickets.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
            <ul className="nw-plain-list">
              {ws.otherTickets.map((o) => (
                <li key={o.id}>
                  <a href={`/admin/resources/SupportTicket/records/${o.id}/review`}><bdi dir="ltr">{o.code}</bdi></a> <span className="nw-chip">{label("status", o.status)}</span>
                  <br /><bdi className="nw-break">{o.subject}</bdi>
                </li>
              ))}
            </ul>
            <H5 mt="lg">{t("recentRequests")}</H5>
            {ws.recentRequests.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
            <ul className="nw-plain-list">
              {ws.recentRequests.map((r) => (
                <li key={r.id}>
                  <a href={`/admin/resources/ServiceRequest/records/${r.id}/show`}>#{r.id}</a> <bdi className="nw-break">{r.title}</bdi> <span className="nw-chip">{label("status", r.status, "ServiceRequest")}</span>
                </li>
              ))}
            </ul>
          </Box>
        </Box>
      </Box>
    </Box>
  );
};

type T = (k: string, params?: Record<string, unknown>) => string;
type LabelFn = (field: string, value: string, model?: string) => string;
type Run = (data: Record<string, string>) => Promise<boolean>;
interface BoxProps { ws: Workspace; busy: boolean; run: Run; t: T; label: LabelFn; translateButton: (k: string) => string }

/** One conversation: messages as cards (customer, reply, internal note), status and assignment changes as lines between them. */
const Timeline: React.FC<{ items: Item[]; t: T; label: LabelFn }> = ({ items, t, label }) => (
  <ol className="nw-conversation">
    {items.map((i, n) => {
      if (i.kind === "comment") {
        const kind = !i.author.staff ? "customer" : i.visibility === "internal_note" ? "note" : "reply";
        return (
          <li key={`c${i.id}-${n}`} className={`nw-msg nw-msg-${kind}`} data-testid={`timeline-${kind}`}>
            <div className="nw-msg-head">
              <span className="nw-msg-kind">{t(kind === "customer" ? "msgCustomer" : kind === "note" ? "msgNote" : "msgReply")}</span>
              <bdi className="nw-msg-author">{i.author.name}</bdi>
              <When at={i.at} />
            </div>
            <div className="nw-msg-body" dir="auto">{i.body}</div>
            {i.attachments.length > 0 && (
              <div className="nw-msg-files" data-testid="timeline-attachments">
                {i.attachments.map((a) => (
                  <a key={a.id} href={a.url} target="_blank" rel="noopener" className="nw-attachment">
                    {a.mimeType.startsWith("image/") ? <img src={a.url} alt="" loading="lazy" /> : <span aria-hidden="true">📄</span>}
                    <bdi>{a.fileName}</bdi>
                  </a>
                ))}
              </div>
            )}
          </li>
        );
      }
      if (i.kind === "status") {
        return (
          <li key={`s${n}`} className="nw-event" data-testid="timeline-status">
            {i.from ? <>{label("status", i.from)} → <strong>{label("status", i.to)}</strong></> : <strong>{t("timelineOpened")}</strong>}
            {" · "}{t("by")} <bdi>{i.actor ?? label("actorType", i.actorType, "SupportStatusLog")}</bdi>{" · "}<When at={i.at} />
            {i.note && <div className="nw-event-note" dir="auto">{i.note}</div>}
          </li>
        );
      }
      return (
        <li key={`a${n}`} className="nw-event" data-testid="timeline-assignment">
          {i.assignee ? <>{t("assignedTo")} <strong><bdi>{i.assignee}</bdi></strong></> : <strong>{t("timelineTriage")}</strong>}
          {i.team && <> · {t("deskTeam")}: <bdi>{i.team}</bdi></>}
          {i.priority && <> · {t("deskPriority")}: {label("priority", i.priority)}</>}
          {i.actor && <> · {t("by")} <bdi>{i.actor}</bdi></>}{" · "}<When at={i.at} />
        </li>
      );
    })}
  </ol>
);

const THEN = ["in_progress", "waiting_on_customer", "resolved"] as const;

/** Reply (canned replies, draft, what happens next) or internal note. The agent's own draft comes back into the box. */
const Composer: React.FC<BoxProps> = ({ ws, busy, run, t, translateButton }) => {
  const [tab, setTab] = useState<"reply" | "note">(ws.options.canWrite ? "reply" : "note");
  const [reply, setReply] = useState(ws.myDraft?.body ?? "");
  const [note, setNote] = useState("");
  const [then, setThen] = useState<string>(ws.ticket.status === "waiting_on_customer" ? "waiting_on_customer" : "in_progress");
  const [cannedLang, setCannedLang] = useState<Lang>(ws.customerLanguage);
  const [cannedId, setCannedId] = useState("");
  const dirty = useRef(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // A draft saved elsewhere (or discarded) replaces the box unless the agent is typing.
  useEffect(() => {
    if (!dirty.current) setReply(ws.myDraft?.body ?? "");
  }, [ws.myDraft?.id, ws.myDraft?.body]);
  const type = (v: string) => {
    dirty.current = true;
    setReply(v);
  };
  const insert = () => {
    const c = ws.canned.find((x) => String(x.id) === cannedId);
    if (!c) return;
    const text = cannedLang === "ar" ? c.bodyAr : c.bodyEn;
    const el = box.current;
    const at = el ? el.selectionStart : reply.length;
    type(reply ? `${reply.slice(0, at)}${reply.slice(0, at).endsWith("\n") || at === 0 ? "" : "\n"}${text}${reply.slice(at)}` : text);
    el?.focus();
  };
  const draftId = ws.myDraft ? String(ws.myDraft.id) : "";
  const done = (ok: boolean, clear: boolean) => {
    if (!ok) return;
    dirty.current = false;
    if (clear) setReply("");
  };
  const send = async () => done(await run({ op: "reply", body: reply, draftId, then }), true);
  return (
    <Box variant="container" mb="lg" className="nw-composer" data-testid="composer">
      <Box className="nw-tabs" mb="default" role="tablist">
        {ws.options.canWrite && (
          <button type="button" role="tab" aria-selected={tab === "reply"} className={`nw-tab${tab === "reply" ? " nw-tab-active" : ""}`} onClick={() => setTab("reply")} data-testid="composer-tab-reply">{t("composerReply")}</button>
        )}
        <button type="button" role="tab" aria-selected={tab === "note"} className={`nw-tab${tab === "note" ? " nw-tab-active" : ""}`} onClick={() => setTab("note")} data-testid="composer-tab-note">{t("composerNote")}</button>
      </Box>
      {tab === "reply" && ws.options.canWrite && (
        <Box className="nw-stack-gap">
          {ws.myDraft && <Text color="grey80" data-testid="composer-draft-loaded">{t("draftLoaded")}</Text>}
          {ws.othersDrafts > 0 && <Text color="grey60">{t("othersDrafts", { count: ws.othersDrafts })}</Text>}
          {ws.canned.length > 0 && (
            <Box className="nw-inline-form" data-testid="canned">
              <select className="nw-select" value={cannedId} onChange={(e) => setCannedId(e.target.value)} aria-label={t("cannedPick")} data-testid="canned-pick">
                <option value="">{t("cannedPick")}</option>
                {ws.canned.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
              </select>
              <span className="nw-segmented" role="group" aria-label={t("cannedLanguage")}>
                {(["ar", "en"] as const).map((l) => (
                  <button key={l} type="button" aria-pressed={cannedLang === l} className={cannedLang === l ? "nw-on" : undefined} onClick={() => setCannedLang(l)} data-testid={`canned-lang-${l}`}>{l === "ar" ? "العربية" : "English"}</button>
                ))}
              </span>
              <Button type="button" size="sm" variant="outlined" disabled={!cannedId} onClick={insert} data-testid="canned-insert">{translateButton("insertCanned")}</Button>
            </Box>
          )}
          <textarea ref={box} className="nw-input nw-composer-text" rows={7} dir="auto" value={reply} onChange={(e) => type(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && reply.trim() && !busy) void send(); }} placeholder={t("replyPlaceholder")} title={t("sendShortcut")} data-testid="composer-reply" />
          <Box className="nw-composer-actions">
            <Box className="nw-inline-form">
              <label className="nw-check">
                {t("thenLabel")}
                <select className="nw-select nw-select-narrow" value={then} onChange={(e) => setThen(e.target.value)} data-testid="composer-then">
                  {THEN.map((v) => <option key={v} value={v}>{t(`then_${v}`)}</option>)}
                </select>
              </label>
              <Button type="button" variant="contained" disabled={busy || !reply.trim()} onClick={send} data-testid="composer-send">{translateButton("sendReply")}</Button>
            </Box>
            <Box className="nw-inline-form">
              <Button type="button" variant="outlined" disabled={busy || !reply.trim()} onClick={async () => done(await run({ op: "saveDraft", body: reply, draftId }), false)} data-testid="composer-save-draft">{translateButton("saveDraft")}</Button>
              {ws.myDraft && (
                <Button type="button" variant="text" color="danger" disabled={busy} onClick={async () => done(await run({ op: "discardDraft", draftId }), true)} data-testid="composer-discard">{translateButton("discardDraft")}</Button>
              )}
            </Box>
          </Box>
        </Box>
      )}
      {tab === "note" && (
        <Box className="nw-stack-gap">
          <Text color="grey80">{t("noteHint")}</Text>
          <textarea className="nw-input nw-composer-text nw-note-text" rows={5} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("notePlaceholder")} data-testid="composer-note" />
          <Box>
            <Button type="button" variant="contained" disabled={busy || !note.trim()} onClick={async () => (await run({ op: "note", body: note })) && setNote("")} data-testid="composer-add-note">{translateButton("addNote")}</Button>
          </Box>
        </Box>
      )}
    </Box>
  );
};

/** Priority, team and assignee; only what changed is sent (triage recomputes the deadlines). */
const Triage: React.FC<Omit<BoxProps, "translateButton"> & { saveLabel: string }> = ({ ws, busy, run, t, label, saveLabel }) => {
  const tk = ws.ticket;
  const [priority, setPriority] = useState(tk.priority);
  const [teamId, setTeamId] = useState(tk.team ? String(tk.team.id) : "");
  const [assigneeId, setAssigneeId] = useState(tk.assignee ? String(tk.assignee.id) : "none");
  useEffect(() => {
    setPriority(tk.priority);
    setTeamId(tk.team ? String(tk.team.id) : "");
    setAssigneeId(tk.assignee ? String(tk.assignee.id) : "none");
  }, [tk.priority, tk.team?.id, tk.assignee?.id]);
  const agents = ws.options.agents.filter((a) => teamId && a.teamIds.includes(Number(teamId)));
  const currentAssignee = tk.assignee ? String(tk.assignee.id) : "none";
  const change: Record<string, string> = {};
  if (priority !== tk.priority) change.priority = priority;
  if (teamId && teamId !== String(tk.team?.id ?? "")) change.teamId = teamId;
  if (assigneeId !== currentAssignee) change.assigneeId = assigneeId;
  const mine = ws.options.agents.find((a) => a.id === ws.me && teamId && a.teamIds.includes(Number(teamId)));
  return (
    <Box variant="container" mb="lg" data-testid="ticket-triage">
      <H5>{t("triageTitle")}</H5>
      <label className="nw-field">{t("deskPriority")}
        <select className="nw-select" value={priority} onChange={(e) => setPriority(e.target.value)} data-testid="triage-priority">
          {ws.options.priorities.map((p) => <option key={p} value={p}>{label("priority", p)}</option>)}
        </select>
      </label>
      <label className="nw-field">{t("deskTeam")}
        <select className="nw-select" value={teamId} onChange={(e) => { setTeamId(e.target.value); setAssigneeId("none"); }} data-testid="triage-team">
          {!teamId && <option value="">—</option>}
          {ws.options.teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="nw-field">{t("deskAssignee")}
        <select className="nw-select" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} disabled={!teamId} data-testid="triage-assignee">
          <option value="none">{t("queueNobody")}</option>
          {tk.assignee && !agents.some((a) => a.id === tk.assignee!.id) && String(tk.assignee.id) === assigneeId && <option value={tk.assignee.id}>{tk.assignee.name}</option>}
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </label>
      <Box className="nw-inline-form" mt="default">
        <Button type="button" size="sm" variant="contained" disabled={busy || Object.keys(change).length === 0} onClick={() => run({ op: "triage", ...change })} data-testid="triage-save">{saveLabel}</Button>
        {mine && currentAssignee !== String(ws.me) && (
          <Button type="button" size="sm" variant="text" disabled={busy} onClick={() => run({ op: "triage", assigneeId: String(ws.me), ...(change.teamId ? { teamId: change.teamId } : {}) })} data-testid="triage-take">{t("assignToMe")}</Button>
        )}
      </Box>
    </Box>
  );
};

/** The moves the machine allows from here, reopen, and merge into another open ticket of the same customer. */
const StatusBox: React.FC<BoxProps> = ({ ws, busy, run, t, label, translateButton }) => {
  const [note, setNote] = useState("");
  const [target, setTarget] = useState("");
  const [confirming, setConfirming] = useState(false);
  const o = ws.options;
  if (!o.statuses.length && !o.canReopen && !o.mergeTargets.length) return null;
  const after = (ok: boolean) => ok && setNote("");
  const into = o.mergeTargets.find((m) => String(m.id) === target);
  return (
    <Box variant="container" mb="lg" data-testid="ticket-status-box">
      <H5>{t("statusTitle")}</H5>
      {(o.statuses.length > 0 || o.canReopen) && (
        <>
          <input className="nw-input nw-full" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("statusNote")} dir="auto" data-testid="status-note" />
          <Box className="nw-inline-form" mt="default">
            {o.statuses.map((to) => (
              <Button key={to} type="button" size="sm" variant={to === "closed" ? "text" : "outlined"} disabled={busy} onClick={async () => after(await run({ op: "setStatus", to, note }))} data-testid={`status-${to}`}>{translateButton(`setStatus_${to}`)}</Button>
            ))}
            {o.canReopen && <Button type="button" size="sm" variant="outlined" disabled={busy} onClick={async () => after(await run({ op: "reopen", note }))} data-testid="status-reopen">{translateButton("reopenTicket")}</Button>}
          </Box>
        </>
      )}
      {o.mergeTargets.length > 0 && (
        <Box mt="lg" data-testid="ticket-merge">
          <Text mb="sm" fontWeight="bold">{t("mergeTitle")}</Text>
          <select className="nw-select nw-full" value={target} onChange={(e) => { setTarget(e.target.value); setConfirming(false); }} data-testid="merge-target">
            <option value="">{t("mergePick")}</option>
            {o.mergeTargets.map((m) => <option key={m.id} value={m.id}>{m.code} · {m.subject}</option>)}
          </select>
          {into && !confirming && <Box mt="sm"><Button type="button" size="sm" variant="outlined" disabled={busy} onClick={() => setConfirming(true)} data-testid="merge-start">{translateButton("mergeTicket")}</Button></Box>}
          {into && confirming && (
            <Box mt="sm" className="nw-confirm">
              <Text mb="sm">{t("mergeConfirm", { from: ws.ticket.code, into: into.code })}</Text>
              <Button type="button" size="sm" variant="contained" color="danger" disabled={busy} onClick={() => run({ op: "merge", targetId: target })} data-testid="merge-confirm">{translateButton("confirm")}</Button>
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
};

const REFUNDS = ["refund_full", "refund_partial"];

/** A dispute: the request with its offers and messages, the customer's paid invoices, and the decision. */
const DisputeBox: React.FC<BoxProps & { money: (h: number, c?: string) => string }> = ({ ws, busy, run, t, label, money, translateButton }) => {
  const d = ws.dispute!;
  const [outcome, setOutcome] = useState("");
  const [resolution, setResolution] = useState("");
  const [invoiceId, setInvoiceId] = useState("");
  const [amount, setAmount] = useState("");
  const r = d.request;
  const refund = REFUNDS.includes(outcome);
  const ready = outcome && resolution.trim().length >= 3 && (!refund || invoiceId) && (outcome !== "refund_partial" || amount.trim());
  return (
    <Box variant="container" mb="lg" className="nw-dispute" data-testid="ticket-dispute">
      <H5>{t("disputeTitle")} <span className={`nw-chip nw-tone-${d.statusTone}`} data-testid="dispute-status">{label("status", d.status, "Dispute")}</span> <span className="nw-chip">{label("kind", d.kind, "Dispute")}</span></H5>
      {r && (
        <>
          <Text><a href={`/admin/resources/ServiceRequest/records/${r.id}/show`}>#{r.id}</a> <bdi className="nw-break">{r.title}</bdi> <span className="nw-chip">{label("status", r.status, "ServiceRequest")}</span></Text>
          <Text color="grey80" mt="sm">{t("disputeClient")}: <bdi>{r.client.fullName}</bdi>{r.provider && <> · {t("disputeProvider")}: <bdi>{r.provider.displayName}</bdi></>}</Text>
          <Text mt="default" fontWeight="bold">{t("disputeOffers")}</Text>
          {r.offers.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
          <ul className="nw-plain-list">
            {r.offers.map((o) => <li key={o.id}><bdi>{o.provider.displayName}</bdi> · <span data-money={o.price}>{money(o.price)}</span> · {label("status", o.status, "Offer")}</li>)}
          </ul>
          <Text mt="default" fontWeight="bold">{t("disputeMessages")}</Text>
          {r.messages.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
          {r.messages.length > 0 && (
            <ol className="nw-thread" data-testid="dispute-messages">
              {[...r.messages].reverse().map((m) => {
                const provider = m.sender.id === r.provider?.userId;
                return (
                  <li key={m.id}>
                    <div className="nw-msg-head"><span className={`nw-msg-kind${provider ? " nw-msg-kind-provider" : ""}`}>{t(provider ? "disputeProvider" : "disputeClient")}</span><bdi className="nw-msg-author">{provider ? r.provider!.displayName : m.sender.fullName}</bdi> <When at={m.createdAt} /></div>
                    <div className="nw-msg-body" dir="auto">{m.body}</div>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
      <Text mt="default" fontWeight="bold">{t("disputeInvoices")}</Text>
      {d.invoices.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
      <ul className="nw-plain-list">
        {d.invoices.map((i) => (
          <li key={i.id}><a href={`/admin/resources/Invoice/records/${i.id}/show`}><bdi dir="ltr">{i.number}</bdi></a> · {label("purpose", i.purpose, "Invoice")} · <span data-money={i.total}>{money(i.total, i.currency)}</span>{i.amountRefunded > 0 && <> · {t("refunded")} <span data-money={i.amountRefunded}>{money(i.amountRefunded, i.currency)}</span></>}</li>
        ))}
      </ul>
      {d.outcome && (
        <Text mt="default" data-testid="dispute-outcome"><strong>{label("outcome", d.outcome, "Dispute")}</strong>{d.refundAmount ? <> · <span data-money={d.refundAmount}>{money(d.refundAmount)}</span></> : null}{d.resolution && <><br /><bdi className="nw-break">{d.resolution}</bdi></>}</Text>
      )}
      {d.canStartReview && <Box mt="lg"><Button type="button" size="sm" variant="contained" disabled={busy} onClick={() => run({ op: "startDisputeReview" })} data-testid="dispute-start">{translateButton("startDisputeReview")}</Button></Box>}
      {d.canResolve && (
        <Box mt="lg" className="nw-stack-gap" data-testid="dispute-resolve">
          <select className="nw-select nw-full" value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="dispute-outcome-pick">
            <option value="">{t("disputeOutcomePick")}</option>
            {d.outcomes.map((o) => <option key={o} value={o}>{label("outcome", o, "Dispute")}</option>)}
          </select>
          {refund && (
            <select className="nw-select nw-full" value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} data-testid="dispute-invoice">
              <option value="">{t("disputeInvoicePick")}</option>
              {d.invoices.map((i) => <option key={i.id} value={i.id}>{i.number} · {money(i.total - i.amountRefunded, i.currency)}</option>)}
            </select>
          )}
          {outcome === "refund_partial" && <input className="nw-input nw-full" inputMode="decimal" dir="ltr" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={t("disputeAmount")} data-testid="dispute-amount" />}
          <textarea className="nw-input nw-full" rows={3} dir="auto" value={resolution} onChange={(e) => setResolution(e.target.value)} placeholder={t("disputeResolution")} data-testid="dispute-resolution" />
          <Box><Button type="button" size="sm" variant="contained" disabled={busy || !ready} onClick={() => run({ op: "resolveDispute", outcome, resolution, invoiceId, amount })} data-testid="dispute-resolve-confirm">{translateButton("resolveDispute")}</Button></Box>
        </Box>
      )}
    </Box>
  );
};

export default TicketWorkspace;
