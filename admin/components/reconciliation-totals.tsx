/**
 * A reconciliation run's totals on its show page: one table of count and amount for Stripe, our
 * records, what matched, and each kind of difference. AdminJS's nested "mixed" view only goes one
 * level deep, and these totals are two (totals.byKind.<kind>.count), so they get their own view.
 */
import React from "react";
import { Table, TableBody, TableCell, TableHead, TableRow, Text, ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const ReconciliationTotals: React.FC<BasePropertyProps> = ({ record, property }) => {
  const { i18n, translateProperty, translateLabel } = useTranslation();
  const params = (record?.params ?? {}) as Record<string, unknown>;
  const locale = i18n.language === "ar" ? "ar-SA" : "en-SA";
  const money = (minor: unknown) => new Intl.NumberFormat(locale, { style: "currency", currency: "SAR" }).format(Number(minor ?? 0) / 100);
  const count = (n: unknown) => new Intl.NumberFormat(locale).format(Number(n ?? 0));
  // Dotted keys live with the enum labels (admin/locale/index.ts), so they go through translateLabel.
  const label = (key: string) => translateLabel(key, property.resourceId);

  // Kinds come from the stored totals, so a new kind shows without touching this view.
  const kinds = Object.keys(params)
    .map((k) => /^totals\.byKind\.([a-z_]+)\.count$/.exec(k)?.[1])
    .filter((k): k is string => !!k);
  const rows: Array<{ key: string; name: string; strong?: boolean }> = [
    { key: "totals.stripe", name: label("totals.stripe") },
    { key: "totals.local", name: label("totals.local") },
    { key: "totals.matched", name: label("totals.matched"), strong: true },
    ...kinds.map((k) => ({ key: `totals.byKind.${k}`, name: translateLabel(`kind.${k}`, "ReconciliationItem") })),
  ];
  const body =
    params["totals.stripe.count"] === undefined ? (
      <Text>—</Text>
    ) : (
      <Table data-testid="reconciliation-totals">
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell>{label("totals.count")}</TableCell>
            <TableCell>{label("totals.amount")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key} data-row={r.key}>
              <TableCell style={r.strong ? { fontWeight: 600 } : undefined}>{r.name}</TableCell>
              <TableCell>{count(params[`${r.key}.count`])}</TableCell>
              <TableCell style={{ whiteSpace: "nowrap" }}>{money(params[`${r.key}.amount`])}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{body}</ValueGroup>;
};

export default ReconciliationTotals;
