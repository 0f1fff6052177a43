/**
 * A broadcast's page: its words in both languages, who it reaches (the audience's size before it
 * is sent), Send and Cancel (each asks once more), and while it sends the progress (users handled
 * of the audience) and its deliveries per channel and status, asked for again every few seconds.
 */
import React, { useCallback, useEffect, useState } from "react";
import { Box, Button, H3, H5, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

type Counts = { queued: number; sent: number; failed: number; skipped: number };
interface Progress {
  id: number; status: "draft" | "sending" | "completed" | "cancelled"; audience: number; total: number; processed: number; percent: number; channels: string[];
  text: { titleAr: string; titleEn: string; bodyAr: string; bodyEn: string }; segment: string; city: string | null; subcategory: { nameAr: string; nameEn: string } | null;
  byStatus: Counts; byChannel: (Counts & { channel: string })[]; skippedBy: Record<string, number>;
}

const api = new ApiClient();
const POLL_MS = 3000;
const STATUSES = ["sent", "queued", "failed", "skipped"] as const;

const BroadcastProgress: React.FC<ActionProps> = ({ record, resource }) => {
  const { translateMessage: tm, translateLabel: tl, translateButton: tb, i18n } = useTranslation();
  const addNotice = useNotice();
  const [p, setP] = useState<Progress | null>(null);
  const [confirming, setConfirming] = useState<"send" | "cancel" | null>(null);
  const [busy, setBusy] = useState(false);
  const ar = i18n.language === "ar";
  const num = (n: number) => new Intl.NumberFormat(ar ? "ar-SA-u-nu-latn" : "en-SA").format(n);
  const load = useCallback(() => api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: "progress" }).then((res) => setP((res.data as unknown as { workspace: Progress }).workspace)), [resource.id, record?.id]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (p?.status !== "sending") return undefined;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [p, load]);
  if (!p) return <Loader />;

  const run = async (op: "send" | "cancel") => {
    setBusy(true);
    try {
      const res = await api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: "progress", data: { op } });
      const out = res.data as unknown as { workspace: Progress; notice?: { message: string; type: "success" | "error" } };
      if (out.notice) addNotice(out.notice as never);
      setP(out.workspace);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const label = (path: string, value: string) => tl(`${path}.${value}`, resource.id, { defaultValue: value });
  const audienceName = [label("segment", p.segment), p.city ? label("city", p.city) : null, p.subcategory ? (ar ? p.subcategory.nameAr : p.subcategory.nameEn) : null].filter(Boolean).join(" · ");
  const canCancel = p.status === "draft" || p.status === "sending";
  const shownPercent = p.status === "draft" ? 0 : p.percent;
  return (
    <Box variant="container" data-testid="broadcast-progress" data-status={p.status}>
      <Box flex flexDirection="row" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }} mb="lg">
        <H3 mb={0} style={{ marginInlineEnd: "auto" }}><bdi>{ar ? p.text.titleAr : p.text.titleEn}</bdi></H3>
        <span className={`nw-chip nw-status-${p.status}`} data-testid="broadcast-status">{label("status", p.status)}</span>
      </Box>

      <div className="nw-ws-grid">
        <div>
          <div className="nw-preview-pair">
            {(["ar", "en"] as const).map((l) => (
              <div key={l} className="nw-phone-card" dir={l === "ar" ? "rtl" : "ltr"} lang={l} data-testid={`broadcast-text-${l}`}>
                <div className="nw-phone-app">{l === "ar" ? "نوافذ" : "Nawafeth"}</div>
                <strong>{l === "ar" ? p.text.titleAr : p.text.titleEn}</strong>
                <div className="nw-phone-body">{l === "ar" ? p.text.bodyAr : p.text.bodyEn}</div>
              </div>
            ))}
          </div>

          {p.status !== "draft" && (
            <>
              <H5 mt="xl" mb="sm">{tm("broadcastProgress")}</H5>
              <div className="nw-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={shownPercent} data-testid="broadcast-percent" data-percent={shownPercent}>
                <div className={`nw-progress-bar nw-status-${p.status}`} style={{ width: `${shownPercent}%` }} />
                <span className="nw-progress-label">{num(shownPercent)}%</span>
              </div>
              <Text mt="sm" color="grey80" data-testid="broadcast-processed">{tm("broadcastProcessed", undefined, { processed: num(p.processed), total: num(p.total) })}</Text>
              {p.status === "sending" && <Text variant="sm" color="grey60">{tm("broadcastRefreshing")}</Text>}

              <H5 mt="xl" mb="sm">{tm("broadcastDeliveries")}</H5>
              <table className="nw-table" data-testid="broadcast-deliveries">
                <thead>
                  <tr>
                    <th>{tm("broadcastChannel")}</th>
                    {STATUSES.map((s) => <th key={s} className="nw-num">{tl(`status.${s}`, "NotificationDelivery", { defaultValue: s })}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {p.byChannel.map((c) => (
                    <tr key={c.channel}>
                      <td>{label("channels", c.channel)}</td>
                      {STATUSES.map((s) => <td key={s} className="nw-num">{num(c[s])}</td>)}
                    </tr>
                  ))}
                  <tr className="nw-total" data-testid="broadcast-deliveries-total">
                    <td>{tm("broadcastTotal")}</td>
                    {STATUSES.map((s) => <td key={s} className="nw-num" data-status={s}>{num(p.byStatus[s])}</td>)}
                  </tr>
                </tbody>
              </table>
              {Object.keys(p.skippedBy).length > 0 && (
                <Text mt="default" variant="sm" color="grey80">
                  {tm("broadcastSkippedWhy")}:{" "}
                  {Object.entries(p.skippedBy).map(([reason, n]) => <span key={reason} className="nw-chip">{tm(`skip_${reason}`, undefined, { defaultValue: reason })}: {num(n)}</span>)}
                </Text>
              )}
            </>
          )}
        </div>

        <Box className="nw-side">
          <H5 mb="sm">{tm("broadcastAudience")}</H5>
          <Text mb="sm"><bdi>{audienceName}</bdi></Text>
          <Text mb="default" fontWeight="bold" data-testid="broadcast-audience">{tm(p.status === "draft" ? "broadcastAudienceNow" : "broadcastAudienceSent", undefined, { count: p.audience })}</Text>
          <Text mb="default"><span className="nw-chips">{p.channels.map((c) => <span key={c} className="nw-chip">{label("channels", c)}</span>)}</span></Text>
          <Text variant="sm" color="grey60" mb="lg">{tm("broadcastMarketingNote")}</Text>
          {p.status === "draft" && p.audience === 0 && <Text color="error" mb="default">{tm("broadcastEmpty")}</Text>}
          {confirming ? (
            <Box className="nw-confirm" data-testid="broadcast-confirm">
              <Text mb="default">{tm(confirming === "send" ? "broadcastSendConfirm" : "broadcastCancelConfirm")}</Text>
              <Box flex style={{ gap: 8, flexWrap: "wrap" }}>
                <Button variant={confirming === "send" ? "contained" : "danger"} disabled={busy} onClick={() => void run(confirming)} data-testid="broadcast-confirm-yes">{tb("confirm")}</Button>
                <Button variant="outlined" disabled={busy} onClick={() => setConfirming(null)}>{tb("cancel")}</Button>
              </Box>
            </Box>
          ) : (
            <Box flex style={{ gap: 8, flexWrap: "wrap" }}>
              {p.status === "draft" && <Button variant="contained" disabled={busy || p.audience === 0} onClick={() => setConfirming("send")} data-testid="broadcast-send">{tb("sendBroadcast")}</Button>}
              {canCancel && <Button variant="outlined" color="danger" disabled={busy} onClick={() => setConfirming("cancel")} data-testid="broadcast-cancel">{tb("cancelBroadcast")}</Button>}
            </Box>
          )}
        </Box>
      </div>
    </Box>
  );
};

export default BroadcastProgress;
