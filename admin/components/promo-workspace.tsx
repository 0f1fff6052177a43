/**
 * The review workspace of one promotion: its images at their real pixel size next to the size the
 * placement shows, the targeting, dates and price, what else is booked in the same slot over its
 * dates (and the placement's limit), the provider's earlier promotions, the timeline, and the
 * decisions the state machine allows (approve, reject with a reason, ask for new images).
 */
import React, { useState } from "react";
import { Box, Button, H3, H5, Loader, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";
import { useWorkspace } from "./use-workspace.js";

type Names = { ar: string; en: string };
interface Asset { id: number; fileName: string | null; mimeType: string | null; sizeBytes: number | null; widthPx: number | null; heightPx: number | null; url: string }
interface Workspace {
  request: {
    id: number; title: string; status: string; placement: string; targetCity: string | null; decisionReason: string | null; days: number | null; dailyRate: number | null; amount: number | null;
    requester: { fullName: string; phone: string | null; providerProfile: { id: number; displayName: string; city: string } | null };
    targetSubcategory: Names & { nameAr: string; nameEn: string } | null;
    invoice: { id: number; number: string; status: string; total: number; currency: string } | null;
    decidedBy: { fullName: string } | null;
    assets: Asset[];
    statusLogs: { id: number; toStatus: string; actorType: string; note: string | null; createdAt: string; actor: { fullName: string } | null }[];
  };
  rule: { width: number; height: number; fit: string; maxBytes: number; maxLivePerCity?: number };
  placementName: Names;
  startsOn: string;
  lastDay: string;
  earlier: { id: number; title: string; status: string }[];
  overlapping: { id: number; title: string; status: string; startsOn: string; lastDay: string; targetCity: string | null; provider: string | null }[];
  claim: { byId: number | null; by: string | null; mine: boolean };
  decisions: { canDecide: boolean; approve: boolean; reject: boolean; requestChanges: boolean };
}

function when(iso: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Riyadh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const PromoWorkspace: React.FC<ActionProps> = ({ record, resource }) => {
  const { translateMessage, translateButton, translateLabel, translateProperty, i18n } = useTranslation();
  const lang: "ar" | "en" = i18n.language === "en" ? "en" : "ar";
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const [panel, setPanel] = useState<"" | "reject" | "changes">("");
  const [text, setText] = useState("");

  const { ws, busy, run } = useWorkspace<Workspace>(resource.id, record!.id, () => {
    setPanel("");
    setText("");
  });

  if (!ws) return <Loader />;
  const r = ws.request;
  const money = (halalas: number, currency = "SAR") => new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-latn" : "en-SA", { style: "currency", currency }).format(halalas / 100);
  const status = (value: string) => translateLabel(`status.${value}`, resource.id);
  const sizeOk = (a: Asset) => a.widthPx === ws.rule.width && a.heightPx === ws.rule.height;

  return (
    <Box data-testid="promo-workspace" className="nw-workspace">
      <Box variant="container" mb="lg">
        <Box flex flexDirection="row" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }}>
          <H3 mb={0}><bdi>#{r.id}</bdi> · <bdi>{r.title}</bdi></H3>
          <span className={`nw-chip nw-status-${r.status}`} data-testid="promo-status">{status(r.status)}</span>
          <Box style={{ marginInlineStart: "auto", display: "flex", gap: 8, alignItems: "center" }}>
            {ws.claim.by && <Text data-testid="promo-claim">{ws.claim.mine ? t("claimMine") : t("claimOther", { name: ws.claim.by })}</Text>}
            {r.status === "in_review" && !ws.claim.by && (
              <Button size="sm" variant="outlined" disabled={busy} onClick={() => run({ op: "claim" })}>{translateButton("claim", resource.id)}</Button>
            )}
            {ws.claim.mine && <Button size="sm" variant="text" disabled={busy} onClick={() => run({ op: "release" })}>{translateButton("release", resource.id)}</Button>}
          </Box>
        </Box>
        <Box className="nw-doc-meta" mt="default" data-testid="promo-facts">
          <span><strong>{translateProperty("placement", resource.id)}:</strong> {ws.placementName[lang]}</span>
          <span><strong>{t("promoDates")}:</strong> <bdi dir="ltr" className="nw-datetime">{ws.startsOn} → {ws.lastDay}</bdi>{r.days ? ` (${t("promoDays", { count: r.days })})` : ""}</span>
          <span><strong>{translateProperty("targetCity", resource.id)}:</strong> <bdi>{r.targetCity ?? t("everyCity")}</bdi></span>
          {r.targetSubcategory && <span><strong>{translateProperty("targetSubcategory", resource.id)}:</strong> <bdi>{lang === "ar" ? r.targetSubcategory.nameAr : r.targetSubcategory.nameEn}</bdi></span>}
          {r.amount !== null && r.dailyRate !== null && <span data-money={r.amount}><strong>{t("promoPriceBeforeVat")}:</strong> {money(r.amount)} ({money(r.dailyRate)} × {r.days})</span>}
        </Box>
        {r.decisionReason && ["rejected", "changes_requested", "cancelled"].includes(r.status) && <Text mt="default"><strong>{translateProperty("decisionReason", resource.id)}:</strong> <bdi>{r.decisionReason}</bdi></Text>}
      </Box>

      <Box className="nw-ws-grid">
        <Box className="nw-ws-main">
          <Box variant="container" mb="lg" data-testid="promo-assets">
            <H5>{t("promoImages", { width: ws.rule.width, height: ws.rule.height })}</H5>
            {r.assets.length === 0 && <Text>{t("noImages")}</Text>}
            {r.assets.map((a) => (
              <Box key={a.id} mb="lg" data-testid={`promo-asset-${a.id}`}>
                <Box className="nw-doc-stage nw-promo-stage">
                  <img src={a.url} alt={a.fileName ?? ""} style={{ aspectRatio: `${ws.rule.width} / ${ws.rule.height}`, maxWidth: Math.min(ws.rule.width, 900) }} />
                </Box>
                <Box className="nw-doc-meta" mt="sm">
                  <bdi>{a.fileName}</bdi>
                  <bdi dir="ltr" className={sizeOk(a) ? undefined : "nw-late"}>{a.widthPx}×{a.heightPx}</bdi>
                  <span className={`nw-chip ${sizeOk(a) ? "nw-status-approved" : "nw-status-rejected"}`}>{sizeOk(a) ? t("sizeMatches") : t("sizeMismatch")}</span>
                  {a.sizeBytes !== null && <bdi dir="ltr">{Math.max(1, Math.round(a.sizeBytes / 1000))} kB</bdi>}
                  <a href={a.url} target="_blank" rel="noopener">{t("openFile")}</a>
                </Box>
              </Box>
            ))}
          </Box>

          {ws.decisions.canDecide && !busy && (
            <Box variant="container" className="nw-decision" data-testid="promo-decisions">
              <H5>{t("decideRequest")}</H5>
              <Box flex flexDirection="row" style={{ gap: 8, flexWrap: "wrap" }}>
                {ws.decisions.approve && <Button variant="contained" color="success" onClick={() => run({ op: "approve" })} data-testid="promo-approve">{translateButton("approvePromo", resource.id)}</Button>}
                {ws.decisions.requestChanges && <Button variant="outlined" onClick={() => setPanel(panel === "changes" ? "" : "changes")} data-testid="promo-changes">{translateButton("requestChanges", resource.id)}</Button>}
                {ws.decisions.reject && <Button variant="outlined" color="danger" onClick={() => setPanel(panel === "reject" ? "" : "reject")} data-testid="promo-reject">{translateButton("rejectPromo", resource.id)}</Button>}
              </Box>
              {panel && (
                <Box mt="lg" className="nw-inline-form nw-stack">
                  <Text>{panel === "reject" ? t("promoRejectHint") : t("promoChangesHint")}</Text>
                  <textarea className="nw-input" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={panel === "reject" ? t("reasonForProvider") : t("messageForProvider")} data-testid="promo-text" />
                  <Button variant="contained" color={panel === "reject" ? "danger" : undefined} disabled={text.trim().length < 3} onClick={() => run(panel === "reject" ? { op: "reject", reason: text } : { op: "requestChanges", message: text })} data-testid="promo-confirm">
                    {translateButton("confirm", resource.id)}
                  </Button>
                </Box>
              )}
            </Box>
          )}
        </Box>

        <Box className="nw-ws-side">
          <Box variant="container" mb="lg" data-testid="promo-slot">
            <H5>{t("sameSlot")}</H5>
            {ws.rule.maxLivePerCity && <Text color="grey80" mb="sm">{t("slotLimit", { count: ws.rule.maxLivePerCity })}</Text>}
            {ws.overlapping.length === 0 && <Text color="grey60">{t("slotFree")}</Text>}
            {ws.overlapping.map((o) => (
              <Text key={o.id} mb="sm">
                <a href={`/admin/resources/PromoRequest/records/${o.id}/show`}>#{o.id}</a> <bdi>{o.provider ?? o.title}</bdi> · <bdi dir="ltr" className="nw-datetime">{o.startsOn} → {o.lastDay}</bdi> · <span className={`nw-chip nw-status-${o.status}`}>{status(o.status)}</span>
              </Text>
            ))}
          </Box>
          <Box variant="container" mb="lg">
            <H5>{t("providerTitle")}</H5>
            <Text fontWeight="bold"><bdi>{r.requester.providerProfile?.displayName ?? r.requester.fullName}</bdi></Text>
            {r.requester.phone && <Text color="grey80"><bdi dir="ltr">{r.requester.phone}</bdi></Text>}
            {r.requester.providerProfile && <a href={`/admin/resources/ProviderProfile/records/${r.requester.providerProfile.id}/show`}>{t("openProfile")}</a>}
            <H5 mt="lg">{t("earlierPromotions")}</H5>
            {ws.earlier.length === 0 && <Text color="grey60">{t("noEarlier")}</Text>}
            {ws.earlier.map((e) => (
              <Text key={e.id} mb="sm"><a href={`/admin/resources/PromoRequest/records/${e.id}/show`}>#{e.id}</a> <bdi>{e.title}</bdi> · <span className={`nw-chip nw-status-${e.status}`}>{status(e.status)}</span></Text>
            ))}
          </Box>
          {r.invoice && (
            <Box variant="container" mb="lg">
              <H5>{translateProperty("invoice", resource.id)}</H5>
              <Text><a href={`/admin/resources/Invoice/records/${r.invoice.id}/show`}><bdi>{r.invoice.number}</bdi></a> · {translateLabel(`status.${r.invoice.status}`, "Invoice")}</Text>
              <Text color="grey80" data-money={r.invoice.total}>{money(r.invoice.total, r.invoice.currency)}</Text>
            </Box>
          )}
          <Box variant="container">
            <H5>{t("timeline")}</H5>
            <ol className="nw-timeline">
              {r.statusLogs.map((l) => (
                <li key={l.id}>
                  <bdi className="nw-datetime">{when(l.createdAt)}</bdi> · {status(l.toStatus)} · <bdi>{l.actor?.fullName || translateLabel(`actorType.${l.actorType}`, "PromoStatusLog")}</bdi>
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

export default PromoWorkspace;
