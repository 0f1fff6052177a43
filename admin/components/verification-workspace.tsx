/**
 * The review workspace of one verification request: every document inline (images zoomable and
 * rotatable, PDFs embedded) with its version history and reviews; a decision per version; the
 * provider, their earlier requests and the request's timeline; warnings for a file another
 * provider also sent and for a stated expiry that has passed; and the request's decisions, which
 * the server offers only where the state machine allows them. Every change is a POST naming
 * its operation; the page then redraws from the server's answer.
 */
import React, { useState } from "react";
import { Box, Button, H3, H5, Loader, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";
import { useWorkspace } from "./use-workspace.js";

type Names = { ar: string; en: string };
interface Version { id: number; version: number; fileName: string; mimeType: string; sizeBytes: number; sha256: string; expiresOn: string | null; uploadedAt: string; url: string }
interface Review { id: number; versionId: number; decision: string; reasonCode: string | null; note: string | null; createdAt: string; reviewer: { fullName: string } }
interface Doc { id: number; docType: string; status: string; currentVersion: number; versions: Version[]; reviews: Review[] }
interface Workspace {
  request: {
    id: number; status: string; badgeType: string; note: string | null; decisionReason: string | null; queuedAt: string | null; submittedAt: string | null; decidedAt: string | null; requestedDocTypes: string[];
    requester: { id: number; fullName: string; phone: string | null; email: string | null; createdAt: string; providerProfile: { id: number; displayName: string; city: string; isVerified: boolean; ratingAvg: string | number; ratingCount: number } | null };
    invoice: { id: number; number: string; status: string; total: number; currency: string; paidAt: string | null } | null;
    badge: { issuedAt: string; expiresAt: string; revokedAt: string | null } | null;
    decidedBy: { fullName: string } | null;
    documents: Doc[];
    statusLogs: { id: number; fromStatus: string | null; toStatus: string; actorType: string; note: string | null; createdAt: string; actor: { fullName: string } | null }[];
  };
  requirements: { docType: string; isRequired: boolean }[];
  reasons: { code: string; labelAr: string; labelEn: string }[];
  earlier: { id: number; badgeType: string; status: string; decisionReason: string | null; decidedAt: string | null; createdAt: string }[];
  claim: { byId: number | null; by: string | null; mine: boolean };
  warnings: { duplicates: { sha256: string; requestId: number; provider: string }[]; expired: { versionId: number; expiresOn: string }[] };
  decisions: { canDecide: boolean; approve: boolean; reject: boolean; requestChanges: boolean };
  badgeName: Names;
  docNames: Record<string, Names>;
}

/** "2026-12-02 14:05" in Riyadh time, Latin digits, read left to right on Arabic pages too. */
function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Riyadh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
const size = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} kB`);

const Viewer: React.FC<{ v: Version; t: (k: string) => string }> = ({ v, t }) => {
  const [zoom, setZoom] = useState(1);
  const [turn, setTurn] = useState(0);
  if (v.mimeType === "application/pdf") {
    return <iframe className="nw-doc-pdf" src={`${v.url}#navpanes=0&view=FitH`} title={v.fileName} data-testid={`viewer-pdf-${v.id}`} />;
  }
  return (
    <Box>
      <Box className="nw-doc-tools">
        <button type="button" onClick={() => setZoom(Math.min(4, zoom + 0.25))} aria-label={t("zoomIn")}>+</button>
        <button type="button" onClick={() => setZoom(Math.max(0.5, zoom - 0.25))} aria-label={t("zoomOut")}>−</button>
        <button type="button" onClick={() => setTurn((turn + 90) % 360)} aria-label={t("rotate")}>↻</button>
        <button type="button" onClick={() => { setZoom(1); setTurn(0); }}>{t("resetView")}</button>
        <a href={v.url} target="_blank" rel="noopener">{t("openFile")}</a>
      </Box>
      <Box className="nw-doc-stage">
        <img src={v.url} alt={v.fileName} data-testid={`viewer-image-${v.id}`} style={{ transform: `rotate(${turn}deg) scale(${zoom})` }} />
      </Box>
    </Box>
  );
};

const VerificationWorkspace: React.FC<ActionProps> = ({ record, resource }) => {
  const { translateMessage, translateButton, translateLabel, translateProperty, i18n } = useTranslation();
  const lang: "ar" | "en" = i18n.language === "en" ? "en" : "ar";
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const [shown, setShown] = useState<Record<number, number>>({});
  const [docForm, setDocForm] = useState<Record<number, { reasonCode: string; note: string; rejecting: boolean }>>({});
  const [reject, setReject] = useState({ reasonCode: "", reason: "" });
  const [changes, setChanges] = useState<{ message: string; docTypes: string[] }>({ message: "", docTypes: [] });
  const [panel, setPanel] = useState<"" | "reject" | "changes">("");

  const { ws, busy, run } = useWorkspace<Workspace>(resource.id, record!.id, () => {
    setPanel("");
    setDocForm({});
  });

  if (!ws) return <Loader />;
  const r = ws.request;
  const reasonLabel = (code: string | null) => (code ? ws.reasons.find((x) => x.code === code)?.[lang === "ar" ? "labelAr" : "labelEn"] ?? code : null);
  const docName = (type: string) => ws.docNames[type]?.[lang] ?? type;
  const status = (field: string, value: string) => translateLabel(`${field}.${value}`, resource.id);
  const required = new Set(ws.requirements.filter((q) => q.isRequired).map((q) => q.docType));
  const expired = new Set(ws.warnings.expired.map((e) => e.versionId));
  const canDecide = ws.decisions.canDecide && !busy;
  const uploaded = new Set(r.documents.filter((d) => d.versions.length > 0).map((d) => d.docType));
  const missing = [...required].filter((type) => !uploaded.has(type));
  // The server decides; the button only says in advance what it would answer.
  const approvedDocs = new Set(r.documents.filter((d) => d.status === "approved").map((d) => d.docType));
  const readyToApprove = [...required].every((type) => approvedDocs.has(type)) && approvedDocs.size > 0;

  return (
    <Box data-testid="verification-workspace" className="nw-workspace">
      <Box variant="container" mb="lg" className="nw-ws-head">
        <Box flex flexDirection="row" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }}>
          <H3 mb={0}><bdi>#{r.id}</bdi> · {ws.badgeName[lang]}</H3>
          <span className={`nw-chip nw-status-${r.status}`} data-testid="ws-status">{status("status", r.status)}</span>
          <Box style={{ marginInlineStart: "auto", display: "flex", gap: 8, alignItems: "center" }}>
            {ws.claim.by ? (
              <Text data-testid="ws-claim">{ws.claim.mine ? t("claimMine") : t("claimOther", { name: ws.claim.by })}</Text>
            ) : (
              r.status === "in_review" && <Text color="grey60">{t("claimNobody")}</Text>
            )}
            {r.status === "in_review" && !ws.claim.mine && !ws.claim.by && (
              <Button size="sm" variant="outlined" disabled={busy} onClick={() => run({ op: "claim" })} data-testid="ws-claim-button">{translateButton("claim", resource.id)}</Button>
            )}
            {ws.claim.mine && (
              <Button size="sm" variant="text" disabled={busy} onClick={() => run({ op: "release" })} data-testid="ws-release">{translateButton("release", resource.id)}</Button>
            )}
          </Box>
        </Box>
        {r.note && <Text mt="default" data-testid="ws-provider-note"><strong>{translateProperty("note", resource.id)}:</strong> <bdi>{r.note}</bdi></Text>}
        {r.decidedBy && r.decidedAt && (
          <Text mt="sm" color="grey80" data-testid="ws-decided">{t("decidedBy", { name: r.decidedBy.fullName })} · <bdi className="nw-datetime">{when(r.decidedAt)}</bdi></Text>
        )}
        {r.badge && (
          <Text mt="sm" data-testid="ws-badge"><span className="nw-chip nw-status-approved">{t("badgeIssued")}</span> {t("badgeValidUntil")}: <bdi className="nw-datetime">{when(r.badge.expiresAt).slice(0, 10)}</bdi></Text>
        )}
        {r.decisionReason && ["rejected", "changes_requested", "cancelled"].includes(r.status) && <Text mt="default" data-testid="ws-decision-reason"><strong>{translateProperty("decisionReason", resource.id)}:</strong> <bdi>{r.decisionReason}</bdi></Text>}
      </Box>

      {(ws.warnings.duplicates.length > 0 || ws.warnings.expired.length > 0) && (
        <Box mb="lg" className="nw-warnings" data-testid="ws-warnings" role="alert">
          {ws.warnings.duplicates.map((d) => (
            <Text key={`${d.sha256}-${d.requestId}`} data-testid="ws-warning-duplicate">
              ⚠ {t("warnDuplicate", { provider: d.provider, request: d.requestId })}{" "}
              <a href={`/admin/resources/VerificationRequest/records/${d.requestId}/show`}>#{d.requestId}</a>
            </Text>
          ))}
          {ws.warnings.expired.map((e) => (
            <Text key={e.versionId} data-testid="ws-warning-expired">⚠ {t("warnExpired", { date: e.expiresOn })}</Text>
          ))}
        </Box>
      )}

      <Box className="nw-ws-grid">
        <Box className="nw-ws-main">
          {r.documents.length === 0 && <Box variant="container"><Text>{t("noDocuments")}</Text></Box>}
          {missing.map((type) => (
            <Box key={type} variant="container" mb="lg" className="nw-doc nw-doc-missing" data-testid={`doc-missing-${type}`}>
              <H5 mb="sm">{docName(type)} <span className="nw-chip">{t("requiredDoc")}</span></H5>
              <Text color="grey80">{t("requiredMissing")}</Text>
            </Box>
          ))}
          {r.documents.map((d) => {
            const current = d.versions[0];
            const v = d.versions.find((x) => x.id === shown[d.id]) ?? current;
            if (!v) return null;
            const isCurrent = v.id === current?.id;
            const f = docForm[d.id] ?? { reasonCode: "", note: "", rejecting: false };
            const setF = (patch: Partial<typeof f>) => setDocForm({ ...docForm, [d.id]: { ...f, ...patch } });
            return (
              <Box key={d.id} variant="container" mb="lg" className="nw-doc" data-testid={`doc-${d.docType}`}>
                <Box flex flexDirection="row" alignItems="center" style={{ gap: 10, flexWrap: "wrap" }} mb="default">
                  <H5 mb={0}>{docName(d.docType)}</H5>
                  {required.has(d.docType) && <span className="nw-chip">{t("requiredDoc")}</span>}
                  <span className={`nw-chip nw-doc-${d.status}`} data-testid={`doc-status-${d.docType}`}>{translateLabel(`status.${d.status}`, "VerificationDocument")}</span>
                  {r.requestedDocTypes.includes(d.docType) && <span className="nw-chip nw-chip-info">{t("askedAgain")}</span>}
                  <Box className="nw-versions" style={{ marginInlineStart: "auto" }}>
                    {d.versions.map((x) => (
                      <button key={x.id} type="button" className={`nw-tab${x.id === v.id ? " nw-tab-active" : ""}`} onClick={() => setShown({ ...shown, [d.id]: x.id })} data-testid={`doc-${d.docType}-v${x.version}`}>
                        {t("versionN", { n: x.version })}
                      </button>
                    ))}
                  </Box>
                </Box>
                <Viewer key={v.id} v={v} t={(k) => t(k)} />
                <Box className="nw-doc-meta" mt="default">
                  <span><bdi>{v.fileName}</bdi></span>
                  <bdi dir="ltr">{size(v.sizeBytes)}</bdi>
                  <span>{t("uploadedAt")}: <bdi className="nw-datetime">{when(v.uploadedAt)}</bdi></span>
                  {v.expiresOn && <span className={expired.has(v.id) ? "nw-late" : undefined}>{t("expiresOn")}: <bdi className="nw-datetime">{v.expiresOn.slice(0, 10)}</bdi></span>}
                  <bdi dir="ltr" title={v.sha256}>SHA-256 {v.sha256.slice(0, 12)}…</bdi>
                </Box>
                {d.reviews.filter((x) => x.versionId === v.id).map((x) => (
                  <Text key={x.id} mt="sm" color="grey80" data-testid="doc-review">
                    {translateLabel(`status.${x.decision}`, "VerificationDocument")} · <bdi>{x.reviewer.fullName}</bdi> · <bdi className="nw-datetime">{when(x.createdAt)}</bdi>
                    {x.reasonCode && <> · <bdi>{reasonLabel(x.reasonCode)}</bdi></>}
                    {x.note && <> · <bdi>{x.note}</bdi></>}
                  </Text>
                ))}
                {isCurrent && canDecide && (
                  <Box mt="lg" className="nw-doc-actions">
                    <Box flex flexDirection="row" style={{ gap: 8, flexWrap: "wrap" }}>
                      <Button size="sm" variant="contained" color="success" disabled={d.status === "approved"} onClick={() => run({ op: "reviewDocument", versionId: String(v.id), decision: "approved" })} data-testid={`doc-approve-${d.docType}`}>
                        {translateButton("approveDocument", resource.id)}
                      </Button>
                      <Button size="sm" variant="outlined" color="danger" onClick={() => setF({ rejecting: !f.rejecting })} data-testid={`doc-reject-${d.docType}`}>
                        {translateButton("rejectDocument", resource.id)}
                      </Button>
                      <Button size="sm" variant="text" disabled={d.status === "needs_review"} onClick={() => run({ op: "reviewDocument", versionId: String(v.id), decision: "needs_review" })}>
                        {translateButton("flagDocument", resource.id)}
                      </Button>
                    </Box>
                    {f.rejecting && (
                      <Box mt="default" className="nw-inline-form" data-testid={`doc-reject-form-${d.docType}`}>
                        <select className="nw-select" value={f.reasonCode} onChange={(e) => setF({ reasonCode: e.target.value })} aria-label={t("pickReason")} data-testid={`doc-reason-${d.docType}`}>
                          <option value="">{t("pickReason")}</option>
                          {ws.reasons.map((x) => <option key={x.code} value={x.code}>{lang === "ar" ? x.labelAr : x.labelEn}</option>)}
                        </select>
                        <input className="nw-input" value={f.note} placeholder={t("noteForProvider")} onChange={(e) => setF({ note: e.target.value })} data-testid={`doc-note-${d.docType}`} />
                        <Button size="sm" variant="contained" color="danger" disabled={!f.reasonCode || busy} onClick={() => run({ op: "reviewDocument", versionId: String(v.id), decision: "rejected", reasonCode: f.reasonCode, note: f.note })} data-testid={`doc-reject-confirm-${d.docType}`}>
                          {translateButton("confirm", resource.id)}
                        </Button>
                      </Box>
                    )}
                  </Box>
                )}
              </Box>
            );
          })}

          {ws.decisions.canDecide && (ws.decisions.approve || ws.decisions.reject || ws.decisions.requestChanges) && (
            <Box variant="container" className="nw-decision" data-testid="ws-decisions">
              <H5>{t("decideRequest")}</H5>
              <Box flex flexDirection="row" style={{ gap: 8, flexWrap: "wrap" }}>
                {ws.decisions.approve && (
                  <Button variant="contained" color="success" disabled={busy || !readyToApprove} title={readyToApprove ? undefined : t("approveNeedsDocuments")} onClick={() => run({ op: "approve" })} data-testid="ws-approve">{translateButton("approveRequest", resource.id)}</Button>
                )}
                {ws.decisions.requestChanges && (
                  <Button variant="outlined" disabled={busy} onClick={() => setPanel(panel === "changes" ? "" : "changes")} data-testid="ws-changes">{translateButton("requestChanges", resource.id)}</Button>
                )}
                {ws.decisions.reject && (
                  <Button variant="outlined" color="danger" disabled={busy} onClick={() => setPanel(panel === "reject" ? "" : "reject")} data-testid="ws-reject">{translateButton("rejectRequest", resource.id)}</Button>
                )}
              </Box>
              {ws.decisions.approve && !readyToApprove && <Text mt="default" color="grey80" data-testid="ws-approve-hint">{t("approveNeedsDocuments")}</Text>}
              {panel === "reject" && (
                <Box mt="lg" className="nw-inline-form nw-stack" data-testid="ws-reject-form">
                  <select className="nw-select" value={reject.reasonCode} onChange={(e) => setReject({ ...reject, reasonCode: e.target.value, reason: reject.reason || (ws.reasons.find((x) => x.code === e.target.value)?.[lang === "ar" ? "labelAr" : "labelEn"] ?? "") })}>
                    <option value="">{t("pickReason")}</option>
                    {ws.reasons.map((x) => <option key={x.code} value={x.code}>{lang === "ar" ? x.labelAr : x.labelEn}</option>)}
                  </select>
                  <textarea className="nw-input" rows={3} value={reject.reason} placeholder={t("reasonForProvider")} onChange={(e) => setReject({ ...reject, reason: e.target.value })} data-testid="ws-reject-reason" />
                  <Button variant="contained" color="danger" disabled={busy || reject.reason.trim().length < 3} onClick={() => run({ op: "reject", ...reject })} data-testid="ws-reject-confirm">{translateButton("confirm", resource.id)}</Button>
                </Box>
              )}
              {panel === "changes" && (
                <Box mt="lg" className="nw-inline-form nw-stack" data-testid="ws-changes-form">
                  <Text>{t("whichDocuments")}</Text>
                  <Box flex flexDirection="row" style={{ gap: 16, flexWrap: "wrap" }}>
                    {ws.requirements.map((q) => (
                      <label key={q.docType} className="nw-check">
                        <input type="checkbox" checked={changes.docTypes.includes(q.docType)} onChange={(e) => setChanges({ ...changes, docTypes: e.target.checked ? [...changes.docTypes, q.docType] : changes.docTypes.filter((x) => x !== q.docType) })} data-testid={`ws-changes-doc-${q.docType}`} />
                        {docName(q.docType)}
                      </label>
                    ))}
                  </Box>
                  <textarea className="nw-input" rows={3} value={changes.message} placeholder={t("messageForProvider")} onChange={(e) => setChanges({ ...changes, message: e.target.value })} data-testid="ws-changes-message" />
                  <Button variant="contained" disabled={busy || changes.message.trim().length < 3 || changes.docTypes.length === 0} onClick={() => run({ op: "requestChanges", message: changes.message, docTypes: changes.docTypes.join(",") })} data-testid="ws-changes-confirm">
                    {translateButton("confirm", resource.id)}
                  </Button>
                </Box>
              )}
            </Box>
          )}
        </Box>

        <Box className="nw-ws-side">
          <Box variant="container" mb="lg" data-testid="ws-provider">
            <H5>{t("providerTitle")}</H5>
            <Text fontWeight="bold"><bdi>{r.requester.providerProfile?.displayName ?? r.requester.fullName}</bdi></Text>
            <Text color="grey80"><bdi>{r.requester.fullName}</bdi></Text>
            {r.requester.phone && <Text color="grey80"><bdi dir="ltr">{r.requester.phone}</bdi></Text>}
            {r.requester.providerProfile && (
              <Text color="grey80"><bdi>{r.requester.providerProfile.city}</bdi> · ★ {(Number(r.requester.providerProfile.ratingAvg) / 100).toFixed(1)} ({r.requester.providerProfile.ratingCount})</Text>
            )}
            <Text color="grey60">{t("memberSince")}: <bdi className="nw-datetime">{when(r.requester.createdAt).slice(0, 10)}</bdi></Text>
            {r.requester.providerProfile && <a href={`/admin/resources/ProviderProfile/records/${r.requester.providerProfile.id}/show`}>{t("openProfile")}</a>}
          </Box>
          {r.invoice && (
            <Box variant="container" mb="lg" data-testid="ws-invoice">
              <H5>{translateProperty("invoice", resource.id)}</H5>
              <Text><a href={`/admin/resources/Invoice/records/${r.invoice.id}/show`}><bdi>{r.invoice.number}</bdi></a> · {translateLabel(`status.${r.invoice.status}`, "Invoice")}</Text>
              <Text color="grey80" data-money={r.invoice.total}>{new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-latn" : "en-SA", { style: "currency", currency: r.invoice.currency }).format(r.invoice.total / 100)}</Text>
            </Box>
          )}
          <Box variant="container" mb="lg" data-testid="ws-earlier">
            <H5>{t("earlierRequests")}</H5>
            {ws.earlier.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
            {ws.earlier.map((e) => (
              <Text key={e.id} mb="sm">
                <a href={`/admin/resources/VerificationRequest/records/${e.id}/show`}>#{e.id}</a> · {translateLabel(`badgeType.${e.badgeType}`, resource.id)} · <span className={`nw-chip nw-status-${e.status}`}>{status("status", e.status)}</span>
                {e.decisionReason && <><br /><Text as="span" color="grey60"><bdi>{e.decisionReason}</bdi></Text></>}
              </Text>
            ))}
          </Box>
          <Box variant="container" data-testid="ws-timeline">
            <H5>{t("timeline")}</H5>
            <ol className="nw-timeline">
              {r.statusLogs.map((l) => (
                <li key={l.id}>
                  <bdi className="nw-datetime">{when(l.createdAt)}</bdi> · {status("status", l.toStatus)} · <bdi>{l.actor?.fullName || translateLabel(`actorType.${l.actorType}`, "VerificationStatusLog")}</bdi>
                  {l.note && <><br /><Text as="span" color="grey60"><bdi>{l.note}</bdi></Text></>}
                </li>
              ))}
            </ol>
          </Box>
        </Box>
      </Box>
    </Box>
  );
};

export default VerificationWorkspace;
