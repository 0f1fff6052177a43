/** Custom React components, bundled by AdminJS at start (absolute paths, as it requires). */
import { ComponentLoader } from "adminjs";
import { fileURLToPath } from "node:url";

export const componentLoader = new ComponentLoader();
const file = (name: string) => fileURLToPath(new URL(`./components/${name}`, import.meta.url));

export const Components = {
  ReasonForm: componentLoader.add("ReasonForm", file("reason-form.tsx")),
  History: componentLoader.add("History", file("history.tsx")),
  Money: componentLoader.add("Money", file("money.tsx")),
  MoneyEdit: componentLoader.add("MoneyEdit", file("money-edit.tsx")),
  BasisPoints: componentLoader.add("BasisPoints", file("basis-points.tsx")),
  ReconciliationRunForm: componentLoader.add("ReconciliationRunForm", file("reconciliation-run-form.tsx")),
  ReconciliationTotals: componentLoader.add("ReconciliationTotals", file("reconciliation-totals.tsx")),
  Home: componentLoader.add("Home", file("home.tsx")),
  StatusBadge: componentLoader.add("StatusBadge", file("status-badge.tsx")),
  DateTime: componentLoader.add("DateTime", file("date-time.tsx")),
  City: componentLoader.add("City", file("city.tsx")),
  RelatedRecords: componentLoader.add("RelatedRecords", file("related-records.tsx")),
  JsonView: componentLoader.add("JsonView", file("json-view.tsx")),
  SettingValue: componentLoader.add("SettingValue", file("setting-value.tsx")),
  ReviewQueue: componentLoader.add("ReviewQueue", file("review-queue.tsx")),
  VerificationWorkspace: componentLoader.add("VerificationWorkspace", file("verification-workspace.tsx")),
  PromoWorkspace: componentLoader.add("PromoWorkspace", file("promo-workspace.tsx")),
  PromoSchedule: componentLoader.add("PromoSchedule", file("promo-schedule.tsx")),
  TicketQueue: componentLoader.add("TicketQueue", file("ticket-queue.tsx")),
  TicketWorkspace: componentLoader.add("TicketWorkspace", file("ticket-workspace.tsx")),
  TicketBulk: componentLoader.add("TicketBulk", file("ticket-bulk.tsx")),
  // notifications: map of events, template forms and preview, broadcasts
  EventMap: componentLoader.add("EventMap", file("event-map.tsx")),
  TemplatePreview: componentLoader.add("TemplatePreview", file("template-preview.tsx")),
  TemplateKind: componentLoader.add("TemplateKind", file("template-kind.tsx")),
  BilingualText: componentLoader.add("BilingualText", file("bilingual-text.tsx")),
  Channels: componentLoader.add("Channels", file("channels.tsx")),
  ForSegment: componentLoader.add("ForSegment", file("for-segment.tsx")),
  BroadcastProgress: componentLoader.add("BroadcastProgress", file("broadcast-progress.tsx")),
  BroadcastHandled: componentLoader.add("BroadcastHandled", file("broadcast-handled.tsx")),
  DeliveryCell: componentLoader.add("DeliveryCell", file("delivery-cell.tsx")),
  // the jobs console page (admins)
  JobsConsole: componentLoader.add("JobsConsole", file("jobs-console.tsx")),
  // exports of every list and the reports page
  ExportList: componentLoader.add("ExportList", file("export-list.tsx")),
  ReportRunner: componentLoader.add("ReportRunner", file("report-runner.tsx")),
};
componentLoader.override("TopBar", file("top-bar.tsx"));
componentLoader.override("LoggedIn", file("logged-in.tsx"));
componentLoader.override("Breadcrumbs", file("breadcrumbs.tsx"));
componentLoader.override("DefaultListAction", file("list.tsx"));
componentLoader.override("SidebarPages", file("sidebar-pages.tsx"));
