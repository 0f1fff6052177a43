/**
 * Related records on a show page: every model that points at this one (a request's offers, status
 * log and thread; an invoice's lines and payment attempts; a ticket's comments…), derived from the
 * schema's back-relations, so a new relation shows up without code. Only lists the staff member may
 * open are included, and records come through each model's own resource (secrets stripped).
 */
import { Filter, populator, type ActionContext, type BaseResource } from "adminjs";
import type { DMMF } from "@prisma/generator-helper";

export const RELATED_PAGE = 10;

export interface RelatedLink {
  /** The other model (an AdminJS resource id). */
  model: string;
  /** Its property that points here (relation name): the list filter is `filters.<via>=<id>`. */
  via: string;
}

/** Back-relations of a model: the other side owns the foreign key. */
export function relatedLinks(models: readonly DMMF.Model[], modelName: string): RelatedLink[] {
  const model = models.find((m) => m.name === modelName);
  if (!model) return [];
  const out: RelatedLink[] = [];
  for (const f of model.fields) {
    if (f.kind !== "object" || f.relationFromFields?.length) continue;
    const other = models.find((m) => m.name === f.type);
    const owning = other?.fields.find((x) => x.kind === "object" && x.relationName === f.relationName && x.relationFromFields?.length && x.type === modelName);
    if (other && owning) out.push({ model: other.name, via: owning.name });
  }
  return out;
}

export interface RelatedGroup {
  model: string;
  via: string;
  total: number;
  query: string;
  records: unknown[];
}

/** The newest related records of each kind this staff member may list. */
export async function relatedGroups(context: ActionContext, links: RelatedLink[], canList: (model: string) => boolean): Promise<RelatedGroup[]> {
  const id = context.record!.id();
  const groups: RelatedGroup[] = [];
  for (const link of links) {
    if (!canList(link.model)) continue;
    const resource = context._admin.findResource(link.model) as BaseResource;
    const filter = new Filter({ [link.via]: String(id) }, resource);
    const [records, total] = await Promise.all([
      resource.find(filter, { limit: RELATED_PAGE, offset: 0, sort: { sortBy: "id", direction: "desc" } }, context),
      resource.count(filter, context),
    ]);
    if (!total) continue;
    // References show their titles (a customer's name, not "24"), as in the model's own list.
    const populated = await populator(records, { ...context, resource });
    groups.push({ model: link.model, via: link.via, total, query: `filters.${link.via}=${encodeURIComponent(String(id))}`, records: populated.map((r) => r.toJSON(context.currentAdmin)) });
  }
  return groups;
}
