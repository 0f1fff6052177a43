/**
 * AdminJS's signed-in user menu, with sign-out as a POST carrying the CSRF token (the stock menu
 * navigates to the logout URL with a GET).
 */
import React from "react";
import { Box, CurrentUserNav } from "@adminjs/design-system";
import { useTranslation, type CurrentAdmin } from "adminjs";

const LoggedIn: React.FC<{ session: CurrentAdmin; paths: { logoutPath: string } }> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  const dropActions = [
    {
      label: translateButton("logout"),
      icon: "LogOut",
      onClick: (event: React.MouseEvent) => {
        event.preventDefault();
        const logout = (window as unknown as { nawafethLogout?: () => void }).nawafethLogout;
        if (logout) logout();
        else window.location.href = paths.logoutPath;
      },
    },
  ];
  return (
    <Box flexShrink={0} data-css="logged-in">
      <CurrentUserNav name={session.email} title={session.title} avatarUrl={session.avatarUrl} dropActions={dropActions} />
    </Box>
  );
};

export default LoggedIn;
