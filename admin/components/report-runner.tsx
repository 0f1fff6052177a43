/**
 * The reports page: pick a report and a period (Riyadh days, the end inclusive), download it as
 * CSV or XLSX. The file is built on the server (/admin/reports/<report>.<format>).
 */
import React, { useState } from "react";
import { Box, H3, Label, Input, Select, Button, Text } from "@adminjs/design-system";
import { useTranslation, type ActionProps } from "adminjs";

const REPORTS = ["monthly_revenue", "verification_turnaround", "support_sla", "provider_leaderboard", "promo_revenue"] as const;

const day = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);

const ReportRunner: React.FC<ActionProps> = () => {
  const { translateMessage: tm } = useTranslation();
  const now = new Date();
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const lastOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const [report, setReport] = useState<(typeof REPORTS)[number]>("monthly_revenue");
  const [from, setFrom] = useState(day(firstOfMonth));
  const [to, setTo] = useState(day(lastOfMonth));
  const options = REPORTS.map((r) => ({ value: r, label: tm(`report_${r}`) }));
  const href = (format: string) => `/admin/reports/${report}.${format}?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <Box variant="container" data-testid="report-runner">
      <H3>{tm("reportsTitle")}</H3>
      <Text mb="xl">{tm("reportsHint")}</Text>
      <Box mb="lg" style={{ maxWidth: 560 }}>
        <Label>{tm("reportsTitle")}</Label>
        <Select value={options.find((o) => o.value === report)} options={options} onChange={(o: { value: (typeof REPORTS)[number] } | null) => o && setReport(o.value)} />
      </Box>
      <Box flex style={{ gap: 16, flexWrap: "wrap" }} mb="xl">
        <Box>
          <Label htmlFor="report-from">{tm("reportFrom")}</Label>
          <Input id="report-from" type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
        </Box>
        <Box>
          <Label htmlFor="report-to">{tm("reportTo")}</Label>
          <Input id="report-to" type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
        </Box>
      </Box>
      <Box flex style={{ gap: 12 }}>
        <Button as="a" variant="contained" href={href("xlsx")} download data-testid="report-xlsx">{tm("exportXlsx")}</Button>
        <Button as="a" variant="outlined" href={href("csv")} download data-testid="report-csv">{tm("exportCsv")}</Button>
      </Box>
    </Box>
  );
};

export default ReportRunner;
