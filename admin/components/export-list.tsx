/**
 * The Export drawer of every list: how many rows the list's current filters, search and sort
 * match, the columns the staff member's role may read, and CSV / XLSX. A small export downloads
 * at once; a large one starts a background job whose progress is asked for again every few
 * seconds, with a download link once the file is ready.
 */
import React, { useCallback, useEffect, useMemo, useState } from "react";
import { Box, Button, H3, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

interface Job { id: number; format: string; status: "queued" | "running" | "completed" | "failed" | "expired"; totalRows: number | null; rowsDone: number; percent: number; fileName: string | null; expiresAt: string | null }
interface Info { rows: number; limit: number; columns: string[]; jobs: Job[] }

const api = new ApiClient();
const POLL_MS = 2000;
// The list's own paging is not part of what is exported.
const NOT_EXPORTED = new Set(["page", "perPage", "refresh", "count"]);

const ExportList: React.FC<ActionProps> = ({ resource }) => {
  const { translateMessage: tm, translateProperty: tp, i18n } = useTranslation();
  const addNotice = useNotice();
  const ar = i18n.language === "ar";
  const params = useMemo(() => Object.fromEntries([...new URLSearchParams(window.location.search)].filter(([k]) => !NOT_EXPORTED.has(k))), []);
  const query = new URLSearchParams(params).toString();
  const [info, setInfo] = useState<Info | null>(null);
  const [busy, setBusy] = useState(false);
  const num = (n: number) => new Intl.NumberFormat(ar ? "ar-SA-u-nu-latn" : "en-SA").format(n);

  const load = useCallback(
    () =>
      api.resourceAction({ resourceId: resource.id, actionName: "export", params } as never).then((res) => {
        const data = res.data as unknown as Info & { notice?: { message: string; type: string } };
        if (data.notice) addNotice(data.notice as never);
        setInfo(data);
      }),
    [resource.id, params],
  );
  useEffect(() => void load(), [load]);
  const working = info?.jobs.some((j) => j.status === "queued" || j.status === "running");
  useEffect(() => {
    if (!working) return undefined;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [info, working, load]);
  if (!info) return <Loader />;

  const stream = info.rows <= info.limit;
  const start = async (format: "csv" | "xlsx") => {
    setBusy(true);
    try {
      const res = await api.resourceAction({ resourceId: resource.id, actionName: "export", params, data: { format } } as never);
      const data = res.data as unknown as { jobs?: Job[]; notice?: { message: string; type: string } };
      if (data.notice) addNotice(data.notice as never);
      if (data.jobs) setInfo({ ...info, jobs: data.jobs });
    } finally {
      setBusy(false);
    }
  };
  const formats = [
    ["csv", tm("exportCsv")],
    ["xlsx", tm("exportXlsx")],
  ] as const;

  return (
    <Box variant="container" data-testid="export-list" data-rows={info.rows} data-mode={stream ? "stream" : "job"}>
      <H3>{tm("exportTitle")}</H3>
      <Text mb="default" data-testid="export-count">{tm("exportRows", resource.id, { rows: num(info.rows) })} {stream ? tm("exportStreamHint") : tm("exportJobHint", resource.id, { limit: num(info.limit) })}</Text>
      <Box flex style={{ gap: 12, flexWrap: "wrap" }} mb="xl">
        {formats.map(([format, label]) =>
          stream ? (
            <Button key={format} as="a" variant="contained" href={`/admin/exports/${resource.id}.${format}${query ? `?${query}` : ""}`} download data-testid={`export-${format}`}>
              {label}
            </Button>
          ) : (
            <Button key={format} variant="contained" disabled={busy} onClick={() => void start(format)} data-testid={`export-job-${format}`}>
              {label}
            </Button>
          ),
        )}
      </Box>

      <Text variant="sm" mb="sm" style={{ fontWeight: 600 }}>{tm("exportColumnsTitle")}</Text>
      <Box flex style={{ gap: 6, flexWrap: "wrap" }} mb="xl" data-testid="export-columns">
        {info.columns.map((c) => (
          <span key={c} className="nw-chip">{tp(c, resource.id)}</span>
        ))}
      </Box>

      <Text variant="sm" mb="sm" style={{ fontWeight: 600 }}>{tm("exportJobsTitle")}</Text>
      {info.jobs.length === 0 ? (
        <Text variant="sm">{tm("exportNoJobs")}</Text>
      ) : (
        info.jobs.map((j) => (
          <Box key={j.id} flex alignItems="center" style={{ gap: 12 }} mb="sm" data-testid={`export-job-${j.id}`} data-status={j.status}>
            <span className={`nw-chip nw-status-${j.status}`}>{tm(`exportStatus_${j.status}`)}</span>
            <span>#{j.id} · {j.format.toUpperCase()}</span>
            {(j.status === "queued" || j.status === "running") && (
              <div className="nw-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={j.percent} style={{ flex: 1, minWidth: 120 }}>
                <div className="nw-progress-bar" style={{ width: `${j.percent}%` }} />
                <span className="nw-progress-label">{num(j.rowsDone)} / {num(j.totalRows ?? 0)}</span>
              </div>
            )}
            {j.status === "completed" && (
              <>
                <a href={`/admin/exports/jobs/${j.id}/file`} download data-testid={`export-download-${j.id}`}>{tm("exportDownload")} ({num(j.totalRows ?? j.rowsDone)})</a>
                {j.expiresAt && <Text variant="sm">{tm("exportExpiresAt", resource.id, { at: new Date(j.expiresAt).toLocaleString(ar ? "ar-SA-u-nu-latn" : "en-GB", { timeZone: "Asia/Riyadh" }) })}</Text>}
              </>
            )}
          </Box>
        ))
      )}
    </Box>
  );
};

export default ExportList;
