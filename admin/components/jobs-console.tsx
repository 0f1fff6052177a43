/**
 * The jobs console (admins): throughput over the last hour, every pg-boss queue with its jobs by
 * state, recent failures with their error and (redacted) payload, each with Retry or Cancel (asked
 * once more), and the schedules with their next run. Refreshes every ten seconds.
 */
import React, { useCallback, useState } from "react";
import { Box, Button, H3, H5, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation } from "adminjs";
import { useRefresh } from "./use-refresh.js";

const STATES = ["created", "retry", "active", "completed", "failed", "cancelled"] as const;
type State = (typeof STATES)[number];
interface Queue { name: string; deadLetter: string | null; retryLimit: number | null; counts: Record<State, number>; lastHour: { completed: number; failed: number } }
interface Failure { id: string; queue: string; state: "failed" | "retry"; error: string; payload: unknown; retryCount: number; retryLimit: number; createdOn: string; failedOn: string | null }
interface Schedule { queue: string; cron: string; timezone: string; nextRun: string | null; invalid: boolean }
interface Console { at: string; queues: Queue[]; failures: Failure[]; schedules: Schedule[]; throughput: { from: string; completed: number; failed: number }[]; lastHour: { completed: number; failed: number } }
type Answer = { console?: Console; forbidden?: boolean; notice?: { message: string; type: "success" | "error" } };

const api = new ApiClient();
const REFRESH_MS = 10_000;

const JobsConsole: React.FC = () => {
  const { translateMessage: tm, i18n } = useTranslation();
  const addNotice = useNotice();
  const [data, setData] = useState<Answer | null>(null);
  const [confirm, setConfirm] = useState<{ op: "retry" | "cancel"; f: Failure } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ar = i18n.language === "ar";
  const num = (n: number) => new Intl.NumberFormat(ar ? "ar-SA-u-nu-latn" : "en-SA").format(n);
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(ar ? "ar-SA-u-nu-latn-ca-gregory" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Riyadh" }).format(new Date(iso)) : "—");
  const load = useCallback(() => {
    api.getPage({ pageName: "jobs" }).then((res) => setData(res.data as Answer)).catch(() => setData({ forbidden: true }));
  }, []);
  useRefresh(load, REFRESH_MS);

  if (!data) return <Loader />;
  if (data.forbidden || !data.console) return <Box variant="container"><H3>{tm("jobsTitle")}</H3><Text>{tm("jobsAdminsOnly")}</Text></Box>;
  const c = data.console;

  const run = async (op: "retry" | "cancel", f: Failure) => {
    setBusy(true);
    try {
      const res = await api.getPage({ pageName: "jobs", method: "post", data: { op, queue: f.queue, id: f.id } });
      const out = res.data as Answer;
      if (out.notice) addNotice({ message: tm(out.notice.message), type: out.notice.type });
      setData(out);
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  const peak = Math.max(1, ...c.throughput.map((b) => b.completed + b.failed));

  return (
    <Box variant="container" data-testid="jobs-console">
      <H3>{tm("jobsTitle")}</H3>
      <Text mb="lg" color="grey80">{tm("jobsHint")}</Text>

      <H5 mb="sm">{tm("jobsThroughput")}</H5>
      <Box flex flexDirection="row" alignItems="flex-end" style={{ gap: 16, flexWrap: "wrap" }} mb="xl">
        <div className="nw-jobs-bars" role="img" aria-label={tm("jobsThroughput")}>
          {c.throughput.map((b) => (
            <div key={b.from} className="nw-jobs-bar" title={`${when(b.from)} · ${tm("jobsCompleted")} ${num(b.completed)} · ${tm("jobsFailed")} ${num(b.failed)}`}>
              <div className="nw-jobs-bar-failed" style={{ height: `${(b.failed / peak) * 100}%` }} />
              <div className="nw-jobs-bar-done" style={{ height: `${(b.completed / peak) * 100}%` }} />
            </div>
          ))}
        </div>
        <div>
          <div data-testid="jobs-last-hour"><strong>{num(c.lastHour.completed)}</strong> {tm("jobsCompleted")} · <strong>{num(c.lastHour.failed)}</strong> {tm("jobsFailed")}</div>
          {c.lastHour.completed >= 60 && <Text color="grey60">{tm("jobsPerMinute", { n: num(Math.round(c.lastHour.completed / 60)) })}</Text>}
        </div>
      </Box>

      <H5 mb="sm">{tm("jobsQueues")}</H5>
      <div style={{ overflowX: "auto" }}>
        <table className="nw-table" data-testid="jobs-queues">
          <thead>
            <tr>
              <th>{tm("jobsQueue")}</th>
              {STATES.map((s) => <th key={s}>{tm(`jobsState_${s}`)}</th>)}
              <th>{tm("jobsLastHour")}</th>
            </tr>
          </thead>
          <tbody>
            {c.queues.map((q) => (
              <tr key={q.name} data-queue={q.name}>
                <td><bdi dir="ltr">{q.name}</bdi>{q.deadLetter && <span className="nw-chip" title={tm("jobsDeadLetter")}>→ <bdi dir="ltr">{q.deadLetter}</bdi></span>}</td>
                {STATES.map((s) => <td key={s} className={q.counts[s] && (s === "failed" || s === "retry") ? "nw-jobs-alert" : q.counts[s] ? "" : "nw-jobs-zero"}>{num(q.counts[s])}</td>)}
                <td>{num(q.lastHour.completed)}{q.lastHour.failed ? <span className="nw-chip nw-chip-urgent">{num(q.lastHour.failed)} {tm("jobsFailed")}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <H5 mt="xl" mb="sm">{tm("jobsFailures")}</H5>
      {!c.failures.length ? <Text color="grey60">{tm("jobsNoFailures")}</Text> : (
        <div style={{ overflowX: "auto" }}>
          <table className="nw-table" data-testid="jobs-failures">
            <thead>
              <tr><th>{tm("jobsQueue")}</th><th>{tm("jobsWhen")}</th><th>{tm("jobsAttempts")}</th><th>{tm("jobsError")}</th><th /></tr>
            </thead>
            <tbody>
              {c.failures.map((f) => (
                <React.Fragment key={f.id}>
                  <tr data-job={f.id}>
                    <td><bdi dir="ltr">{f.queue}</bdi> <span className={`nw-chip ${f.state === "failed" ? "nw-chip-urgent" : "nw-chip-warn"}`}>{tm(`jobsState_${f.state}`)}</span></td>
                    <td>{when(f.failedOn ?? f.createdOn)}</td>
                    <td>{num(f.retryCount + 1)} / {num(f.retryLimit + 1)}</td>
                    <td className="nw-wrap"><span dir="ltr" className="nw-ltr"><code>{f.error || "—"}</code></span></td>
                    <td>
                      <Box flex flexDirection="row" style={{ gap: 6 }}>
                        <Button size="sm" variant="text" onClick={() => setOpen(open === f.id ? null : f.id)}>{tm("jobsPayload")}</Button>
                        {f.state === "failed" && <Button size="sm" variant="outlined" disabled={busy} onClick={() => setConfirm({ op: "retry", f })} data-testid={`retry-${f.id}`}>{tm("jobsRetry")}</Button>}
                        {f.state === "retry" && <Button size="sm" variant="outlined" color="danger" disabled={busy} onClick={() => setConfirm({ op: "cancel", f })}>{tm("jobsCancel")}</Button>}
                      </Box>
                    </td>
                  </tr>
                  {open === f.id && (
                    <tr><td colSpan={5}><pre className="nw-jobs-payload" dir="ltr">{JSON.stringify(f.payload, null, 2)}</pre><Text color="grey60">{tm("jobsRedacted")}</Text></td></tr>
                  )}
                  {confirm?.f.id === f.id && (
                    <tr><td colSpan={5}>
                      <Box flex flexDirection="row" alignItems="center" style={{ gap: 8 }}>
                        <Text>{tm(confirm.op === "retry" ? "jobsRetryConfirm" : "jobsCancelConfirm")}</Text>
                        <Button size="sm" variant="contained" color={confirm.op === "cancel" ? "danger" : "primary"} disabled={busy} onClick={() => void run(confirm.op, f)}>{tm(confirm.op === "retry" ? "jobsRetry" : "jobsCancel")}</Button>
                        <Button size="sm" variant="text" onClick={() => setConfirm(null)}>{tm("jobsKeep")}</Button>
                      </Box>
                    </td></tr>
                  )}
                </React.Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <H5 mt="xl" mb="sm">{tm("jobsSchedules")}</H5>
      <table className="nw-table" data-testid="jobs-schedules">
        <thead><tr><th>{tm("jobsQueue")}</th><th>{tm("jobsCron")}</th><th>{tm("jobsNextRun")}</th></tr></thead>
        <tbody>
          {c.schedules.map((s) => (
            <tr key={s.queue}>
              <td><bdi dir="ltr">{s.queue}</bdi></td>
              <td><span dir="ltr" className="nw-ltr"><code>{s.cron}</code> ({s.timezone})</span></td>
              <td>{s.invalid ? <span className="nw-chip nw-chip-urgent">{tm("jobsCronInvalid")}</span> : when(s.nextRun)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Text mt="lg" color="grey60">{tm("jobsAsOf", { at: when(c.at) })}</Text>
    </Box>
  );
};

export default JobsConsole;
