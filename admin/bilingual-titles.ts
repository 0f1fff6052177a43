/**
 * Records named in both languages (a subcategory's nameAr/nameEn, a support team's, a plan's; a
 * notification's titleAr/titleEn). AdminJS fixes one title field per resource at start; this is
 * the one place that says which field names such a record in a language, so every title the panel
 * sends (lists, references, show pages, search, related records) follows the staff member's language.
 */
import { BaseRecord, type ActionContext, type ActionRequest, type ActionResponse, type BaseResource, type CurrentAdmin, type RecordJSON } from "adminjs";
import type { DMMF } from "@prisma/generator-helper";
import type { Lang } from "./locale/core.js";
import { staffLanguage } from "./request-context.js";

export type BilingualFields = Readonly<Record<Lang, string>>;

const BASES = ["name", "title"] as const;

/** The pair of fields naming a record of this model in Arabic and English, if it has one. */
export function bilingualTitle(model: Pick<DMMF.Model, "fields">): BilingualFields | undefined {
  const strings = new Set(model.fields.filter((f) => f.kind === "scalar" && f.type === "String").map((f) => f.name));
  const base = BASES.find((b) => strings.has(`${b}Ar`) && strings.has(`${b}En`));
  return base ? { ar: `${base}Ar`, en: `${base}En` } : undefined;
}

/** A record's name in a language; a blank one falls back to the other language. */
export function titleIn(fields: BilingualFields, params: Record<string, unknown>, lang: Lang): string | undefined {
  const other: Lang = lang === "ar" ? "en" : "ar";
  for (const l of [lang, other]) {
    const v = params[fields[l]];
    if (typeof v === "string" && v.trim()) return v;
  }
  return undefined;
}

/** A record whose title is its name in the language of whoever it is sent to. */
export class BilingualRecord extends BaseRecord {
  constructor(
    params: Record<string, unknown>,
    resource: BaseResource,
    private readonly fields: BilingualFields,
  ) {
    super(params, resource);
  }

  override toJSON(currentAdmin?: CurrentAdmin): RecordJSON {
    const json = super.toJSON(currentAdmin);
    return { ...json, title: titleIn(this.fields, this.params, staffLanguage(currentAdmin)) ?? json.title };
  }
}

type Handler = (req: ActionRequest, res: unknown, ctx: ActionContext) => Promise<ActionResponse>;

/**
 * The search action (reference filters and selects) looks in the title field; for a bilingual
 * model that is the staff member's language, so an Arabic page finds "سباكة" as it shows it.
 */
export function searchInStaffLanguage(handler: Handler, fields: BilingualFields): Handler {
  return (req, res, ctx) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query.searchProperty) return handler(req, res, ctx);
    return handler({ ...req, query: { ...query, searchProperty: fields[staffLanguage(ctx.currentAdmin)] } }, res, ctx);
  };
}
