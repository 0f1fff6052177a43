/**
 * The AdminJS panel at /admin. Staff sign in with email + password (sessions in PostgreSQL),
 * see every model grouped by domain in Arabic or English, and may call only the actions their
 * role allows (checked on the server for every call). Writes go through AuditedResource (audit
 * rows, soft delete) or through domain commands (status changes).
 */
import AdminJS, { ACTIONS, Filter, flat, ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions, type ResourceWithOptions } from "adminjs";
import AdminJSExpress from "@adminjs/express";
import { Database } from "@adminjs/prisma";
import type { Router } from "express";
import session from "express-session";
import { canEditRow, formFields, writableFields } from "./field-access.js";
import { PanelQueryError, panelQueryMessage } from "./panel-query.js";
import { listCountMeta, listCounting, type ListCounting } from "./list-counts.js";
import { hasSearch, SEARCH_FILTER } from "./list-search.js";
import { listRecords } from "./list-action.js";
import { createPanelReads } from "../src/platform/database/panel-reads.js";
import { staffFromSession, staffSessionRouter } from "./staff-session.js";
import { relatedGroups, relatedLinks, type RelatedLink } from "./related-records.js";
import { getWaitingWork } from "../src/domains/backoffice/work-waiting.queries.js";
import { getDashboard } from "../src/domains/analytics/index.js";
import { withoutUnlistableLinks } from "./dashboard-links.js";
import connectPgSimple from "connect-pg-simple";
import { createPgPool } from "../src/platform/database/pg-pool.js";
import type { Config } from "../src/platform/config.js";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { type StaffRole, type StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { setStaffLanguage } from "../src/domains/backoffice/staff-profile.service.js";
import { isSoftDeletable, restore, hardDelete } from "../src/domains/backoffice/soft-delete.service.js";
import { loadFullDmmf } from "./dmmf.js";
import { modelDomains } from "./model-domains.js";
import { componentLoader, Components } from "./components.js";
import { sendOnlyVisibleResources } from "./visible-resources.js";
import { pendingApprovalsFor } from "../src/domains/approvals/index.js";
import { AuditedResource, checkFilterValue } from "./audited-resource.js";
import { defaultOptions } from "./resource-defaults.js";
import { bilingualTitle, searchInStaffLanguage } from "./bilingual-titles.js";
import { customActionRoles, rolesFor } from "./access.js";
import { isLang, localeFor, type Lang } from "./locale/index.js";
import { languageFromRequest, staffCtx, staffLanguage } from "./request-context.js";
import { reasonAction } from "./actions/reason-action.js";
import { marketplaceResources } from "./resources/marketplace.resource.js";
import { accountsResources } from "./resources/accounts.resource.js";
import { billingResources } from "./resources/billing.resource.js";
import { subscriptionsResources } from "./resources/subscriptions.resource.js";
import { reconciliationResources, reconciliationRoutes } from "./resources/reconciliation.resource.js";
import { settingsResources } from "./resources/settings.resource.js";
import { verificationResources, verificationRoutes } from "./resources/verification.resource.js";
import { promoResources, promoRoutes } from "./resources/promo.resource.js";
import { supportDeskHome, supportResources, supportRoutes } from "./resources/support.resource.js";
import { notificationsResources } from "./resources/notifications.resource.js";
import { privacyResources } from "./resources/privacy.resource.js";
import { walletResources, walletRoutes } from "./resources/wallet.resource.js";
import type { Storage } from "../src/platform/storage.js";
import { invoicePdf } from "../src/domains/billing/invoice-document.service.js";
import { DomainError } from "../src/platform/errors.js";
import { message } from "../src/api/messages.js";
import { jobsConsolePage } from "./jobs-console.page.js";
import { bundleEnv, JOBS_PAGE } from "./page-roles.js";
import type pg from "pg";
import { exportAction, exportRoutes, REPORT_ROLES } from "./exports.js";
import { scheduleRecipientsSchema } from "../src/domains/reports/index.js";

AdminJS.registerAdapter({ Database, Resource: AuditedResource });

export interface AdminOptions {
  deps: Deps;
  cfg: Config;
  log: Logger;
  /** For the session store's own small pool. */
  databaseUrl: string;
  /** Uploaded files (reviewers read verification documents). */
  storage: Storage;
}

export interface BuiltAdmin {
  admin: AdminJS;
  /** "Model.action" → roles allowed; every action of every resource has an entry. */
  access: AccessTable;
  router: Router;
  rootPath: string;
  close(): Promise<void>;
}

const BUILT_IN = ["list", "show", "search", "new", "edit", "delete", "bulkDelete"] as const;

const roleOf = (currentAdmin: unknown): StaffRole | undefined => (currentAdmin as StaffSession | undefined)?.role;

/** Every action of every resource, with the roles allowed on it (read by the access test). */
export type AccessTable = Map<string, readonly StaffRole[]>;

/** The per-model options: defaults from the schema, the domain's resource file, access on every action. */
export function resourceOptions(deps: Deps, model: Parameters<typeof defaultOptions>[0], domain: string, custom: ResourceOptions | undefined, access: AccessTable, links: RelatedLink[] = [], exportDeps?: Deps & { pool: pg.Pool }): ResourceOptions {
  const base = defaultOptions(model, { Money: Components.Money, MoneyEdit: Components.MoneyEdit, BasisPoints: Components.BasisPoints, StatusBadge: Components.StatusBadge, DateTime: Components.DateTime, JsonView: Components.JsonView, City: Components.City });
  const name = model.name;
  const actions: Record<string, Record<string, unknown>> = {};
  const soft = isSoftDeletable(name);

  const grant = (action: string, roles: readonly StaffRole[] | undefined) => {
    access.set(`${name}.${action}`, roles ?? []);
    return ({ currentAdmin }: { currentAdmin?: unknown }) => {
      const role = roleOf(currentAdmin);
      return !!role && !!roles?.includes(role);
    };
  };

  for (const a of BUILT_IN) {
    // Without soft delete, "delete" removes the row: that is admin-only.
    let roles = !soft && (a === "delete" || a === "bulkDelete") ? rolesFor(name, domain, "hardDelete") : rolesFor(name, domain, a);
    // A form is offered only to roles that may write at least one of its fields.
    if (a === "new" || a === "edit") roles = roles?.filter((r) => writableFields(name, r, a === "new" ? "create" : "edit").length > 0);
    const allowed = grant(a, roles);
    // Each role's form shows exactly the fields that role may write (create and edit differ).
    const layout =
      a === "new" || a === "edit"
        ? (currentAdmin?: unknown) => {
            const role = roleOf(currentAdmin);
            return role ? [...writableFields(name, role, a === "new" ? "create" : "edit")] : [];
          }
        : undefined;
    actions[a] = {
      ...(layout ? { layout } : {}),
      isAccessible:
        a === "edit"
          ? ({ currentAdmin, record }: { currentAdmin?: unknown; record?: { params: Record<string, unknown> } }) =>
              allowed({ currentAdmin }) && (!record || canEditRow(name, roleOf(currentAdmin)!, record.params, (currentAdmin as StaffSession).id))
          : allowed,
    };
  }
  actions.list = { ...actions.list, handler: refusingBadQueries(listRecords, "list") };
  const titles = bilingualTitle(model);
  const search = ACTIONS.search.handler as Handler;
  actions.search = { ...actions.search, handler: refusingBadQueries(titles ? searchInStaffLanguage(search, titles) : search, "search") };
  if (soft) {
    const restoreRoles = rolesFor(name, domain, "restore");
    actions.restore = {
      ...reasonAction({ roles: restoreRoles ?? [], needsReason: false, icon: "RotateCcw", appliesTo: (p) => !!p.deletedAt, successMessage: "restored", run: (ctx, id) => restore(deps, ctx, name, id) }),
    };
    const hardRoles = rolesFor(name, domain, "hardDelete");
    actions.hardDelete = {
      ...reasonAction({ roles: hardRoles ?? [], needsReason: false, icon: "Trash", successMessage: "deletedPermanently", redirect: "list", run: (ctx, id) => hardDelete(deps, ctx, name, id) }),
      variant: "danger",
    };
    access.set(`${name}.restore`, restoreRoles ?? []);
    access.set(`${name}.hardDelete`, hardRoles ?? []);
  }
  const historyRoles = rolesFor(name, domain, "show");
  actions.history = {
    actionType: "record",
    icon: "Clock",
    component: Components.History,
    isAccessible: grant("history", historyRoles),
    handler: async (_req: ActionRequest, _res: unknown, context: ActionContext) => {
      const rows = await deps.db.auditLog.findMany({
        where: { entity: name, entityId: String(context.record!.id()) },
        orderBy: { id: "desc" },
        take: 200,
        include: { actor: { select: { fullName: true, email: true } } },
      });
      return {
        record: context.record!.toJSON(context.currentAdmin),
        history: rows.map((r) => ({ id: r.id, createdAt: r.createdAt, actor: r.actor?.fullName ?? r.actorLabel ?? r.actorType, action: r.action, changes: r.changes ?? {} })),
      };
    },
  };

  // Export (CSV / XLSX) of the list as filtered: a read, for whoever may list the model.
  if (exportDeps) actions.export = exportAction(exportDeps, Components.ExportList, grant("export", rolesFor(name, domain, "list")));

  // Related records (back-relations) under the show page, for whoever may see the record.
  const relatedProperties: Record<string, Record<string, unknown>> = {};
  if (links.length) {
    actions.related = {
      actionType: "record",
      isVisible: false,
      component: false,
      isAccessible: grant("related", historyRoles),
      handler: async (_req: ActionRequest, _res: unknown, context: ActionContext) => {
        const role = roleOf(context.currentAdmin);
        return { record: context.record!.toJSON(context.currentAdmin), groups: await relatedGroups(context, links, (m) => !!role && !!access.get(`${m}.list`)?.includes(role)) };
      },
    };
    relatedProperties.related = { isVisible: { show: true, list: false, edit: false, filter: false }, position: 10_000, components: { show: Components.RelatedRecords } };
  }

  // Custom actions from the domain's resource file carry their roles in `custom.roles`.
  for (const [actionName, action] of Object.entries(custom?.actions ?? {})) {
    const roles = (action as { custom?: { roles?: readonly StaffRole[] } }).custom?.roles;
    if (!(BUILT_IN as readonly string[]).includes(actionName)) access.set(`${name}.${actionName}`, roles ?? []);
    actions[actionName] = { ...actions[actionName], ...(action as object) };
  }

  // The big lists search one box across the fields staff know a record by (list-search.ts).
  const searchBox = hasSearch(name)
    ? { properties: { [SEARCH_FILTER]: { type: "string" as const, position: -1, isVisible: { list: false, show: false, edit: false, filter: true } } } }
    : undefined;
  const filterProperties = custom?.filterProperties ?? base.filterProperties;
  return {
    ...base,
    // Forms show exactly the fields some role may write; the resource drops the rest per role.
    editProperties: formFields(name),
    ...custom,
    ...(searchBox && filterProperties ? { filterProperties: [SEARCH_FILTER, ...filterProperties] } : {}),
    navigation: { name: domain, icon: "Folder" },
    properties: { ...base.properties, ...relatedProperties, ...searchBox?.properties, ...custom?.properties },
    actions,
  };
}

type Handler = (req: ActionRequest, res: unknown, ctx: ActionContext) => Promise<ActionResponse>;

/**
 * Wraps a built-in list or search handler: a page, sort or filter value the column cannot hold
 * answers with a clear notice (and no rows) instead of a 500.
 */
function refusingBadQueries(handler: unknown, kind: "list" | "search"): Handler {
  const run = handler as Handler;
  return async (req, res, ctx) => {
    const page = Number((req.query as Record<string, unknown> | undefined)?.page ?? 1);
    const perPage = Number((req.query as Record<string, unknown> | undefined)?.perPage ?? 10);
    try {
      if (!Number.isSafeInteger(page) || page < 1 || page > 1_000_000 || !Number.isSafeInteger(perPage) || perPage < 1) throw new PanelQueryError("invalidPage");
      // Checked before AdminJS populates reference filters (it looks the ids up first).
      const { filters = {} } = flat.unflatten((req.query ?? {}) as Record<string, unknown>) as { filters?: Record<string, unknown> };
      for (const f of Object.values(new Filter(filters, ctx.resource).filters)) {
        if (f.path === SEARCH_FILTER && hasSearch(ctx.resource.id())) continue;
        if (!f.property) throw new PanelQueryError("invalidFilter", { property: f.path });
        checkFilterValue(f.property, f.value);
      }
      if (kind === "search") return await run(req, res, ctx);
      const counting: ListCounting = { exact: (req.query as Record<string, unknown> | undefined)?.count === "exact" };
      const answer = await listCounting.run(counting, () => run(req, res, ctx));
      const meta = answer.meta as { total: number; perPage: number } | undefined;
      return meta ? { ...answer, meta: { ...meta, ...listCountMeta(counting, meta.total, meta.perPage) } } : answer;
    } catch (err) {
      if (!(err instanceof PanelQueryError)) throw err;
      // A search box typing letters into a numeric title simply finds nothing.
      if (kind === "search") return { records: [] };
      const lang = staffLanguage(ctx.currentAdmin);
      return { meta: { total: 0, perPage: 10, page: 1 }, records: [], notice: { message: panelQueryMessage(err, lang), type: "error" } };
    }
  };
}

/** The schedules list gets the reports page (run any report for a period and download it). */
function reportScheduleOptions(custom: ResourceOptions | undefined): ResourceOptions {
  // Recipients must be real addresses (1 to 20), refused on the field before anything is saved.
  const checkRecipients = async (request: ActionRequest, context: ActionContext) => {
    // Hooks run before the access check: a role that may not write is left to be refused by it.
    const role = roleOf(context.currentAdmin);
    if (request.method !== "post" || !request.payload || !role || !rolesFor("ReportSchedule", "backoffice", "edit")?.includes(role)) return request;
    const recipients = Object.entries(request.payload).filter(([k]) => k === "recipients" || k.startsWith("recipients.")).map(([, v]) => v).flat();
    if (!scheduleRecipientsSchema.safeParse(recipients).success) {
      const text = message("REPORT_RECIPIENTS_INVALID", staffLanguage(context.currentAdmin)) ?? "Give valid email addresses.";
      throw new ValidationError({ recipients: { message: text } }, { message: text, type: "validation" });
    }
    return request;
  };
  return {
    // The list says what each schedule sends, to whom and when (not only who made it).
    listProperties: ["report", "cadence", "format", "language", "isActive", "nextRunAt", "lastRunAt"],
    filterProperties: ["report", "cadence", "isActive"],
    ...custom,
    actions: {
      ...custom?.actions,
      new: { before: checkRecipients },
      edit: { before: checkRecipients },
      runReport: {
        actionType: "resource",
        icon: "BarChart2",
        component: Components.ReportRunner,
        custom: { roles: customActionRoles("ReportSchedule.runReport") },
        isAccessible: ({ currentAdmin }: { currentAdmin?: unknown }) => REPORT_ROLES.includes(roleOf(currentAdmin)!) && customActionRoles("ReportSchedule.runReport").includes(roleOf(currentAdmin)!),
        handler: async () => ({}),
      },
    },
  };
}

/** Tables that only machinery reads: the panel's session store and the API's rate-limit counters. */
const INFRASTRUCTURE_MODELS = new Set(["Session", "RateLimitCounter"]);

export async function buildAdmin({ deps, cfg, log, databaseUrl, storage }: AdminOptions): Promise<BuiltAdmin> {
  const dmmf = await loadFullDmmf();
  const clientModule = { Prisma: { dmmf: { datamodel: dmmf.datamodel } } };
  const domains = modelDomains();
  const perModel: Record<string, ResourceOptions> = { ...marketplaceResources(deps), ...accountsResources(deps), ...billingResources(deps), ...subscriptionsResources(deps), ...reconciliationResources(deps), ...settingsResources(), ...verificationResources(deps), ...promoResources(deps), ...supportResources(deps), ...notificationsResources(deps), ...privacyResources(deps, storage) };
  // Money actions on models another resource file also configures (User) add to its actions.
  for (const [model, extra] of Object.entries(walletResources(deps))) {
    const mine = perModel[model];
    perModel[model] = mine ? { ...extra, ...mine, actions: { ...mine.actions, ...extra.actions } } : extra;
  }
  const access: AccessTable = new Map();
  // Exports read with plain pg through a cursor (one connection per running export).
  const exportPool = createPgPool(databaseUrl, { max: 4, log, name: "exports" });
  const exportDeps = { ...deps, pool: exportPool, storage };
  // Lists and counts read through their own pool, cut off at the panel's statement timeout.
  const reads = createPanelReads(databaseUrl, { statementTimeoutMs: cfg.panelStatementTimeoutMs, log });
  perModel.ReportSchedule = reportScheduleOptions(perModel.ReportSchedule);

  const resources: ResourceWithOptions[] = dmmf.datamodel.models
    .filter((m) => !INFRASTRUCTURE_MODELS.has(m.name))
    .map((model) => ({
      resource: { model, client: deps.db, clientModule, deps, reads },
      options: resourceOptions(deps, model as never, domains.get(model.name) ?? "backoffice", perModel[model.name], access, relatedLinks(dmmf.datamodel.models as never, model.name).filter((l) => !INFRASTRUCTURE_MODELS.has(l.model)), exportDeps),
    }));

  const admin = new AdminJS({
    rootPath: "/admin",
    resources,
    componentLoader,
    env: bundleEnv(),
    branding: { companyName: "Nawafeth Backoffice", withMadeWithLove: false, logo: false },
    // Home: what waits for this staff member (counts linking to the filtered lists).
    dashboard: {
      component: Components.Home,
      handler: async (_req: unknown, _res: unknown, context: { currentAdmin?: unknown }) => {
        const role = roleOf(context.currentAdmin);
        if (!role) return { groups: [] };
        const canList = (model: string) => !!access.get(`${model}.list`)?.includes(role);
        const staffId = (context.currentAdmin as StaffSession).id;
        const [work, figures, approvals] = await Promise.all([
          getWaitingWork(deps, role, canList),
          getDashboard(deps, role),
          canList("ApprovalRequest") ? pendingApprovalsFor(deps, role, { staffId, limit: 500 }) : Promise.resolve([]),
        ]);
        const dashboard = withoutUnlistableLinks(figures, canList);
        // Money actions waiting for this staff member's decision (never their own requests) come first.
        const groups = approvals.length
          ? [{ group: "approvals", items: [{ key: "approvals_pending", model: "ApprovalRequest", count: approvals.length, query: "filters.status=pending", urgent: true }] }, ...work]
          : work;
        // Whoever works the support desk sees their own queues first.
        if (!customActionRoles("SupportTicket.queue").includes(role)) return { role, groups, dashboard };
        // The desk's waiting queue is every ticket waiting on a customer: the support group need not count it again.
        const rest = groups.map((g) => (g.group === "support" ? { ...g, items: g.items.filter((i) => i.key !== "ticketsWaiting") } : g));
        return { role, groups: [{ group: "desk", items: await supportDeskHome(deps, staffId) }, ...rest], dashboard };
      },
    },
    // The jobs console: every pg-boss queue, failures with retry and cancel, schedules (admins).
    pages: { [JOBS_PAGE]: { component: Components.JobsConsole, icon: "Activity", handler: jobsConsolePage(deps) as never } },
    // Each page is rendered in the staff member's language (from the profile; before sign-in from
    // ?lang=, the language cookie or Accept-Language).
    locale: (async (currentAdmin?: StaffSession) => {
      if (!currentAdmin) return localeFor(languageFromRequest());
      const profile = await deps.db.userAccessProfile.findUnique({ where: { userId: currentAdmin.id }, select: { language: true } });
      return localeFor((profile?.language as Lang | undefined) ?? currentAdmin.language);
    }) as never,
  });
  sendOnlyVisibleResources(admin);
  // Development rebuilds custom components on change; test and production bundle once.
  if (cfg.env === "development") await admin.watch();
  else await admin.initialize();

  const pool = createPgPool(databaseUrl, { max: 3, log, name: "sessions" });
  const PgStore = connectPgSimple(session);
  // No touch: the browser's cookie lasts 8 hours from sign-in whatever the activity, so moving the
  // stored expiry on every request (an UPDATE each time) would only keep dead sessions longer.
  const store = new PgStore({ pool, tableName: "session", createTableIfMissing: false, pruneSessionInterval: 15 * 60, disableTouch: true });

  // Session, CSRF, live access checks, sign-in and sign-out run before AdminJS's own routes.
  const router = staffSessionRouter({ deps, log, admin, store, secret: cfg.sessionSecret, secureCookie: cfg.isProduction });
  AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      cookieName: "nawafeth.sid",
      cookiePassword: cfg.sessionSecret,
      // Not reached: the sign-in route above answers POST /login first.
      authenticate: async () => null,
    },
    router,
    { store, secret: cfg.sessionSecret, resave: false, saveUninitialized: false, name: "nawafeth.sid" },
  );

  // Language switch (top bar form). POST only, with the session's CSRF token.
  // The admin router has already parsed the form (express-formidable puts it in req.fields).
  router.post("/language", async (req, res, next) => {
    try {
      const current = staffFromSession(req);
      const lang = (req as unknown as { fields?: { lang?: unknown } }).fields?.lang;
      if (!current || !isLang(lang)) return res.redirect(303, "/admin");
      await setStaffLanguage(deps, staffCtx(current), lang);
      req.session.adminUser = { ...current, language: lang };
      res.cookie("nawafeth_lang", lang, { httpOnly: true, sameSite: "lax", secure: cfg.isProduction, maxAge: 365 * 864e5 });
      const back = req.get("referer");
      res.redirect(303, back && new URL(back).host === req.get("host") ? back : "/admin");
    } catch (err) {
      next(err);
    }
  });

  // Invoice PDF download (the Invoice "downloadPdf" action redirects here). Finance and admin only.
  router.get("/billing/invoices/:id/pdf", async (req, res, next) => {
    try {
      const current = staffFromSession(req);
      if (!current || !customActionRoles("Invoice.downloadPdf").includes(current.role)) return res.status(403).type("text").send("Forbidden");
      const id = Number(req.params.id);
      if (!Number.isInteger(id) || id <= 0) return res.status(400).type("text").send("Bad invoice id");
      const { filename, pdf } = await invoicePdf(deps, id, current.language ?? "ar");
      res.type("application/pdf").setHeader("Content-Disposition", `attachment; filename="${filename}"`);
      res.send(pdf);
    } catch (err) {
      if (err instanceof DomainError) return res.status(err.status).type("text").send(message(err.code, staffFromSession(req)?.language ?? "ar", err.details) ?? err.message);
      next(err);
    }
  });

  reconciliationRoutes(router, deps);
  verificationRoutes(router, deps, storage);
  promoRoutes(router, deps, storage);
  supportRoutes(router, deps, storage);
  exportRoutes(router, admin, exportDeps, (role, resource) => !!access.get(`${resource}.list`)?.includes(role));
  walletRoutes(router, deps);

  log.debug({ actions: access.size }, "admin access table built");
  return {
    admin,
    router,
    rootPath: admin.options.rootPath,
    access,
    close: async () => {
      store.close();
      await pool.end();
      await exportPool.end();
      await reads.close();
    },
  };
}
