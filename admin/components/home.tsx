/**
 * The panel's home: what waits for the signed-in staff member, as counts that open the filtered
 * list behind each number. Admin and management see every team's work, grouped.
 */
import React, { useEffect, useState } from "react";
import { Box, H2, H4, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation } from "adminjs";

/** A count opens the filtered list behind it, or its own page (`href`, e.g. a support queue). */
interface Item { key: string; model: string; count: number; query: string; urgent: boolean; href?: string }
interface Group { group: string; items: Item[] }

const api = new ApiClient();

const Home: React.FC = () => {
  const { translateMessage, translateLabel, i18n } = useTranslation();
  const [groups, setGroups] = useState<Group[] | null>(null);
  useEffect(() => {
    api.getDashboard().then((res) => setGroups(((res.data as { groups?: Group[] }).groups ?? [])));
  }, []);
  const number = new Intl.NumberFormat(i18n.language === "ar" ? "ar-SA-u-nu-latn" : "en-SA");
  return (
    <Box variant="container" data-testid="home" style={{ background: "transparent", boxShadow: "none" }}>
      <H2 mb="lg">{translateMessage("homeTitle")}</H2>
      {!groups && <Loader />}
      {groups?.length === 0 && <Text>{translateMessage("homeNothing")}</Text>}
      {groups?.map((g) => (
        <Box key={g.group} mb="xl" data-testid={`home-group-${g.group}`}>
          <H4 mb="default">{translateLabel(`home_${g.group}`)}</H4>
          <Box className="nw-home-grid">
            {g.items.map((item) => (
              <a key={item.key} className={`nw-home-card${item.urgent && item.count > 0 ? " nw-urgent" : ""}`} href={item.href ?? `/admin/resources/${item.model}?${item.query}`} data-testid={`home-${item.key}`} data-count={item.count}>
                <span className="nw-home-count">{number.format(item.count)}</span>
                <span className="nw-home-label">{translateMessage(`home_${item.key}`)}</span>
              </a>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
};

export default Home;
