/**
 * The panel's list handler: AdminJS's own, with two changes that matter on big tables. The page
 * and its count are read side by side, and only the references the list shows are looked up
 * (each one is a query; a service request has four, its list shows two).
 */
import { Filter, flat, populateProperty, type ActionContext, type ActionRequest, type ActionResponse } from "adminjs";

const PER_PAGE_LIMIT = 500;

export async function listRecords(request: ActionRequest, _res: unknown, context: ActionContext): Promise<ActionResponse> {
  const query = flat.unflatten(request.query ?? {}) as { sortBy?: string; direction?: string; filters?: Record<string, unknown>; page?: string; perPage?: string };
  const { resource, _admin, currentAdmin } = context;
  const perPage = query.perPage ? Math.min(Number(query.perPage), PER_PAGE_LIMIT) : (_admin.options.settings?.defaultPerPage ?? 10);
  const page = Number(query.page) || 1;
  const decorated = resource.decorate();
  const listProperties = decorated.getListProperties();
  const firstSortable = listProperties.find((p) => p.isSortable());
  const defaults: { sortBy?: string; direction?: string } = decorated.options.sort ?? {};
  const direction = (query.direction || defaults.direction || "asc") === "asc" ? ("asc" as const) : ("desc" as const);
  const sort = firstSortable ? { sortBy: query.sortBy || defaults.sortBy || firstSortable.name(), direction } : undefined;
  const filter = await new Filter(query.filters ?? {}, resource).populate(context);
  const [records, total] = await Promise.all([resource.find(filter, { limit: perPage, offset: (page - 1) * perPage, sort }, context), resource.count(filter, context)]);
  const shown = new Set(listProperties.map((p) => p.propertyPath));
  const references = Object.values(decorated.getFlattenProperties()).filter((p) => !!p.reference() && shown.has(p.propertyPath));
  await Promise.all(references.map((p) => populateProperty(records, p, context)));
  context.records = records;
  return { meta: { total, perPage, page, direction: sort?.direction, sortBy: sort?.sortBy }, records: records.map((r) => r.toJSON(currentAdmin)) };
}
