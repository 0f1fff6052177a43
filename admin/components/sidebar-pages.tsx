/**
 * AdminJS's list of pages in the sidebar, showing only the pages the signed-in staff member's role
 * may open (the roles come from admin/page-roles.ts through AdminJS.env). The stock list shows
 * every page to everyone, and a page the role may not open answers 403.
 */
import React from "react";
import { Navigation, type NavigationElementProps } from "@adminjs/design-system";
import { useLocation, useNavigate } from "react-router";
import { ViewHelpers, useCurrentAdmin, useTranslation } from "adminjs";

type Page = { name: string; icon?: string };

const h = new ViewHelpers();

function pageRoles(): Record<string, string[]> {
  try {
    const env = (window as unknown as { AdminJS?: { env?: Record<string, string> } }).AdminJS?.env;
    return JSON.parse(env?.NAWAFETH_PAGE_ROLES ?? "{}") as Record<string, string[]>;
  } catch {
    return {};
  }
}

const SidebarPages: React.FC<{ pages?: Page[] }> = ({ pages }) => {
  const { translateLabel, translatePage } = useTranslation();
  const [currentAdmin] = useCurrentAdmin();
  const location = useLocation();
  const navigate = useNavigate();
  const roles = pageRoles();
  const role = (currentAdmin as { role?: string } | null)?.role;
  // A page with no roles listed is refused to all: deny by default.
  const visible = (pages ?? []).filter((p) => !!role && (roles[p.name] ?? []).includes(role));
  if (!visible.length) return null;
  const elements: NavigationElementProps[] = visible.map((page) => ({
    id: page.name,
    label: translatePage(page.name),
    isSelected: !!location.pathname.match(`/pages/${page.name}`),
    icon: page.icon,
    href: h.pageUrl(page.name),
    onClick: (event, element) => {
      event.preventDefault();
      if (element.href) navigate(element.href);
    },
  }));
  return <Navigation label={translateLabel("pages")} elements={elements} data-testid="sidebar-pages" />;
};

export default SidebarPages;
