/**
 * The "Related" section of a show page: for each kind of record pointing at this one, the newest
 * ones in that model's own list columns, and a link to the whole filtered list.
 */
import React, { useEffect, useState } from "react";
import { Box, H5, Link, Loader, Text } from "@adminjs/design-system";
import { ApiClient, RecordsTable, useResource, useTranslation, type BasePropertyProps, type RecordJSON } from "adminjs";

interface Group { model: string; via: string; total: number; query: string; records: RecordJSON[] }

const api = new ApiClient();

const RelatedTable: React.FC<{ group: Group }> = ({ group }) => {
  const resource = useResource(group.model);
  const { translateLabel, translateMessage } = useTranslation();
  if (!resource) return null;
  return (
    <Box mb="xl" data-testid={`related-${group.model}`} data-total={group.total}>
      <Box flex flexDirection="row" alignItems="baseline" style={{ gap: 12 }} mb="default">
        <H5 mb={0}>{translateLabel(group.model)}</H5>
        <Text variant="sm" color="grey60">{group.total}</Text>
        {group.total > group.records.length && (
          <Link href={`/admin/resources/${group.model}?${group.query}`}>{translateMessage("relatedSeeAll", undefined, { count: group.total })}</Link>
        )}
      </Box>
      <RecordsTable resource={resource} records={group.records} actionPerformed={() => window.location.reload()} isLoading={false} />
    </Box>
  );
};

const RelatedRecords: React.FC<BasePropertyProps> = ({ record, resource }) => {
  const { translateMessage } = useTranslation();
  const [groups, setGroups] = useState<Group[] | null>(null);
  useEffect(() => {
    if (!record?.id) return;
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: "related" })
      .then((res) => setGroups(((res.data as { groups?: Group[] }).groups ?? [])))
      .catch(() => setGroups([]));
  }, [record?.id, resource.id]);
  if (!groups) return <Loader />;
  if (!groups.length) return null;
  return (
    <Box mt="xl" pt="lg" data-testid="related-records" style={{ borderTop: "1px solid #eeeeef" }}>
      <H5 mb="lg">{translateMessage("relatedTitle")}</H5>
      {groups.map((g) => (
        <RelatedTable key={`${g.model}.${g.via}`} group={g} />
      ))}
    </Box>
  );
};

export default RelatedRecords;
