/**
 * AdminJS's top bar plus a language switch. Switching posts to /admin/language, which keeps the
 * choice on the staff profile and reloads the page (the layout direction changes with it).
 */
import React from "react";
import { Box, Button } from "@adminjs/design-system";
import { OriginalTopBar, useTranslation } from "adminjs";

const TopBar: React.FC<Record<string, unknown>> = (props) => {
  const { i18n, translateButton } = useTranslation();
  const target = i18n.language === "ar" ? "en" : "ar";
  return (
    <Box flex flexDirection="row" alignItems="center" style={{ background: "#fff", borderBottom: "1px solid #eeeeef" }}>
      <Box flexGrow={1} style={{ minWidth: 0 }}>
        <OriginalTopBar {...(props as React.ComponentProps<typeof OriginalTopBar>)} />
      </Box>
      <form method="post" action="/admin/language" style={{ margin: "0 16px" }} data-testid="language-switch">
        <input type="hidden" name="lang" value={target} />
        <Button type="submit" size="sm" variant="outlined" lang={target}>
          {translateButton(target === "ar" ? "switchToArabic" : "switchToEnglish")}
        </Button>
      </form>
    </Box>
  );
};

export default TopBar;
