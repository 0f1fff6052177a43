/**
 * A reviewers' queue (verification requests, promotions): what waits for a decision, oldest in the
 * queue first, with its age and who holds it; views unclaimed / mine / all; "Next" claims the
 * oldest free one and opens its workspace. Where the server allows, admins tick rows and assign
 * them to a reviewer. The server words each row (subject, details) in the staff member's language.
 */
import React, { useState } from "react";
import { Box, Button, H3, Loader, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";
import { useQueue } from "./use-queue.js";

interface Row { id: number; provider: string; subject: string; details?: string; ageHours: number; claimedBy: string | null; claimLive: boolean; flagKey?: string | null; thumbUrl?: string | null }
interface Data {
  view: "unclaimed" | "mine" | "all";
  rows: Row[];
  counts: Record<string, number>;
  reviewers: { id: number; fullName: string }[];
  canAssign: boolean;
  /** Message keys: the page title and the subject column's heading. */
  titleKey: string;
  subjectKey: string;
}

const VIEWS = ["unclaimed", "mine", "all"] as const;

const ReviewQueue: React.FC<ActionProps> = ({ resource }) => {
  const { translateMessage, translateButton, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "ar";
  const [view, setView] = useState<Data["view"]>(() => (new URLSearchParams(window.location.search).get("view") as Data["view"]) || "unclaimed");
  const [picked, setPicked] = useState<number[]>([]);
  const [reviewer, setReviewer] = useState("");
  const { data, busy, post } = useQueue<Data>(resource.id, view);

  const number = new Intl.NumberFormat(lang === "ar" ? "ar-SA-u-nu-latn" : "en-SA");
  const age = (h: number) => (h >= 48 ? translateMessage("ageDays", resource.id, { count: Math.floor(h / 24) }) : translateMessage("ageHours", resource.id, { count: h }));
  return (
    <Box variant="container" data-testid="review-queue">
      <Box flex flexDirection="row" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }} mb="lg">
        <H3 mb={0} style={{ marginInlineEnd: "auto" }}>{data ? translateMessage(data.titleKey, resource.id) : ""}</H3>
        <Button variant="contained" disabled={busy} onClick={() => post({ op: "next" })} data-testid="queue-next">
          {translateButton("nextRequest", resource.id)}
        </Button>
      </Box>
      <Box className="nw-tabs" mb="lg" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={v === view} className={`nw-tab${v === view ? " nw-tab-active" : ""}`} onClick={() => { setView(v); setPicked([]); }} data-testid={`queue-view-${v}`}>
            {translateMessage(`queue_${v}`, resource.id)} <span className="nw-tab-count">{number.format(data?.counts[v] ?? 0)}</span>
          </button>
        ))}
      </Box>
      {!data && <Loader />}
      {data && data.rows.length === 0 && <Text data-testid="queue-empty">{translateMessage("queueEmpty", resource.id)}</Text>}
      {data && data.rows.length > 0 && (
        <table className="nw-table" data-testid="queue-table">
          <thead>
            <tr>
              {data.canAssign && <th />}
              <th>#</th>
              <th>{translateMessage("queueProvider", resource.id)}</th>
              <th>{data ? translateMessage(data.subjectKey, resource.id) : ""}</th>
              <th>{translateMessage("queueAge", resource.id)}</th>
              <th>{translateMessage("queueClaimedBy", resource.id)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id} data-testid={`queue-row-${r.id}`}>
                {data.canAssign && (
                  <td>
                    <input type="checkbox" aria-label={`#${r.id}`} checked={picked.includes(r.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, r.id] : picked.filter((x) => x !== r.id))} />
                  </td>
                )}
                <td><bdi>{r.id}</bdi></td>
                <td><bdi>{r.provider}</bdi>{r.flagKey && <span className="nw-chip nw-chip-info">{translateMessage(r.flagKey, resource.id)}</span>}</td>
                <td className="nw-wrap">{r.thumbUrl && <img className="nw-thumb" src={r.thumbUrl} alt="" loading="lazy" />}<bdi>{r.subject}</bdi>{r.details && <Text as="span" color="grey60" className="nw-details"><bdi>{r.details}</bdi></Text>}</td>
                <td className={r.ageHours >= 48 ? "nw-late" : undefined}>{age(r.ageHours)}</td>
                <td>{r.claimLive && r.claimedBy ? <bdi>{r.claimedBy}</bdi> : <Text as="span" color="grey60">{translateMessage("queueNobody", resource.id)}</Text>}</td>
                <td>
                  <a className="nw-link-button" href={`/admin/resources/${resource.id}/records/${r.id}/review`}>{translateButton("openReview", resource.id)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.canAssign && data.rows.length > 0 && (
        <Box flex flexDirection="row" alignItems="center" style={{ gap: 12 }} mt="lg" data-testid="queue-assign">
          <select value={reviewer} onChange={(e) => setReviewer(e.target.value)} className="nw-select" aria-label={translateMessage("queueAssignTo", resource.id)}>
            <option value="">{translateMessage("queueAssignTo", resource.id)}</option>
            {data.reviewers.map((u) => (
              <option key={u.id} value={u.id}>{u.fullName}</option>
            ))}
          </select>
          <Button variant="outlined" disabled={busy || !reviewer || picked.length === 0} onClick={() => post({ op: "assign", ids: picked.join(","), reviewerId: reviewer })}>
            {translateButton("assign", resource.id)} ({number.format(picked.length)})
          </Button>
        </Box>
      )}
    </Box>
  );
};

export default ReviewQueue;
