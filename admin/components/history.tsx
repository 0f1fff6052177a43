/** The record's history: its audit rows, newest first (read-only). */
import React, { useEffect, useState } from "react";
import { Box, Table, TableHead, TableBody, TableRow, TableCell, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Entry {
  id: number;
  createdAt: string;
  actor: string;
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

const api = new ApiClient();
const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

const History: React.FC<ActionProps> = ({ record, resource, action }) => {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const { translateLabel, translateProperty, i18n } = useTranslation();
  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: action.name }).then((res) => {
      setEntries(((res.data as unknown as { history?: Entry[] }).history) ?? []);
    });
  }, [record?.id]);
  if (!entries) return null;
  if (!entries.length) return <Box variant="container"><Text>{translateLabel("noHistory")}</Text></Box>;
  return (
    <Box variant="container" data-testid="record-history">
      <Table>
        <TableHead>
          <TableRow>
            <TableCell>{translateLabel("auditWhen")}</TableCell>
            <TableCell>{translateLabel("auditWho")}</TableCell>
            <TableCell>{translateLabel("auditAction")}</TableCell>
            <TableCell>{translateLabel("auditChanges")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id}>
              {/* Gregorian dates and Latin digits in Arabic too (ar-SA alone is the Hijri calendar in Arabic digits). */}
              <TableCell>{new Date(e.createdAt).toLocaleString(i18n.language === "ar" ? "ar-SA-u-ca-gregory-nu-latn" : "en-GB")}</TableCell>
              <TableCell><bdi>{e.actor}</bdi></TableCell>
              <TableCell>{e.action}</TableCell>
              <TableCell>
                {Object.entries(e.changes)
                  .filter(([k]) => k !== "_meta")
                  .map(([k, c]) => (
                    <div key={k}>
                      {/* Values are isolated (an English value in an Arabic line) and the arrow points the way the line reads. */}
                      <strong>{translateProperty(k, resource.id)}</strong>: <bdi>{show(c.before)}</bdi> {i18n.language === "ar" ? "←" : "→"} <bdi>{show(c.after)}</bdi>
                    </div>
                  ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

export default History;
