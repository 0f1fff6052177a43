/**
 * Every resource's list: AdminJS's table and pagination, plus a line under the table saying how
 * many records the list holds — exact, or "about" when the server estimated a long list (with a
 * link to count exactly) — and how deep its pages open. AdminJS's own list hook keeps only the
 * total, so this one keeps the whole answer.
 */
import React, { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { Box, Button, Pagination, Text } from "@adminjs/design-system";
import { ApiClient, RecordsTable, useNotice, useQueryParams, useSelectedRecords, useTranslation, type ActionProps, type RecordJSON } from "adminjs";

interface ListMeta {
  total: number;
  perPage: number;
  page: number;
  direction?: "asc" | "desc";
  sortBy?: string;
  rows?: number;
  estimated?: boolean;
  exactTimedOut?: boolean;
  lastPage?: number;
}

const api = new ApiClient();
const REFRESH = "refresh";

const List: React.FC<ActionProps> = ({ resource, setTag }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const addNotice = useNotice();
  const { storeParams } = useQueryParams();
  const { translateMessage: tm, i18n } = useTranslation();
  const [records, setRecords] = useState<RecordJSON[]>([]);
  const [meta, setMeta] = useState<ListMeta>({ total: 0, perPage: 10, page: 1 });
  const [loading, setLoading] = useState(false);
  const { selectedRecords, handleSelect, handleSelectAll, setSelectedRecords } = useSelectedRecords(records);
  const num = (n: number) => new Intl.NumberFormat(i18n.language === "ar" ? "ar-SA-u-nu-latn" : "en-SA").format(n);

  const fetchData = () => {
    setLoading(true);
    return api
      .resourceAction({ resourceId: resource.id, actionName: "list", params: new URLSearchParams(location.search) } as never)
      .then((response) => {
        const data = response.data as unknown as { records: RecordJSON[]; meta: ListMeta; notice?: unknown; redirectUrl?: string };
        if (data.notice) addNotice(data.notice as never);
        if (data.redirectUrl) return navigate(data.redirectUrl);
        setRecords(data.records);
        setMeta(data.meta);
        setLoading(false);
      })
      .catch(() => addNotice({ message: "errorFetchingRecords", type: "error", resourceId: resource.id } as never));
  };

  useEffect(() => {
    const search = new URLSearchParams(location.search);
    if (search.get(REFRESH)) {
      search.delete(REFRESH);
      navigate({ pathname: location.pathname, search: search.toString() }, { replace: true });
    } else void fetchData();
  }, [resource.id, location.search, location.state]);
  useEffect(() => setTag?.(meta.estimated ? `~${num(meta.rows ?? meta.total)}` : num(meta.rows ?? meta.total)), [meta]);
  useEffect(() => setSelectedRecords([]), [resource.id]);
  useEffect(() => {
    const ids = new URLSearchParams(location.search).get("recordIds")?.split(",") ?? [];
    setSelectedRecords(records.filter((r) => ids.includes(String(r.id))));
  }, [location.search, records]);

  const rows = meta.rows ?? meta.total;
  return (
    <Box variant="container" data-css={`${resource.id}-list-table-wrapper`}>
      <RecordsTable
        resource={resource}
        records={records}
        actionPerformed={() => void fetchData()}
        onSelect={handleSelect}
        onSelectAll={handleSelectAll}
        selectedRecords={selectedRecords}
        direction={meta.direction}
        sortBy={meta.sortBy}
        isLoading={loading}
      />
      <Text mt="xl" textAlign="center">
        <Pagination page={meta.page} perPage={meta.perPage} total={meta.total} onChange={(page: number) => storeParams({ page: String(page) })} />
      </Text>
      <Box flex justifyContent="center" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }} mt="default" data-testid="list-count" data-rows={rows} data-estimated={meta.estimated ? "true" : "false"}>
        <Text variant="sm" color="grey60">
          {meta.estimated ? tm("listRowsAbout", resource.id, { rows: num(rows) }) : tm("listRows", resource.id, { rows: num(rows), count: rows })}
        </Text>
        {meta.estimated && !meta.exactTimedOut ? (
          <Button size="sm" variant="text" data-testid="count-exactly" onClick={() => storeParams({ count: "exact" })}>
            {tm("listCountExactly", resource.id)}
          </Button>
        ) : null}
        {meta.exactTimedOut ? <Text variant="sm" color="grey60">{tm("listExactTimedOut", resource.id)}</Text> : null}
        {meta.lastPage ? (
          <Text variant="sm" color="grey60" data-testid="list-reach">
            {tm("listReach", resource.id, { page: num(meta.lastPage) })}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
};

export default List;
