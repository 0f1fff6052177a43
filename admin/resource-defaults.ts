/**
 * Sensible defaults for every model, derived from the schema: a title that reads as a name,
 * list columns and filters staff look for, hidden secrets, read-only workflow fields.
 * A domain's resource file overrides any of it.
 */
import type { PropertyOptions, ResourceOptions } from "adminjs";
import type { DMMF } from "@prisma/generator-helper";
import { STATUS_TONES } from "./status-tones.js";
import { bilingualTitle } from "./bilingual-titles.js";
import { ARABIC_CITY_NAMES } from "../src/platform/cities.js";

const TITLE_CANDIDATES = ["number", "code", "title", "displayName", "fullName", "name", "subject", "email", "phone", "key", "eventId", "version", "token"];
const SECRET_FIELDS = ["passwordHash", "codeHash", "tokenHash", "sess", "requestHash"];
const LIST_ENUMS = ["status", "fromStatus", "toStatus", "type", "kind", "role", "priority", "userType", "purpose", "placement", "channel", "platform", "decision", "cycle", "actorType"];
const MONEY_FIELDS = /^(total|subtotal|amount|price|priceFrom|priceTo|unitAmount|discount|vat|balance|amountPaid|amountRefunded|budgetMin|budgetMax|priceMonthly|priceQuarterly|priceHalfYearly|priceYearly|localAmount|remoteAmount|maxDiscount|minAmount|maxAmount|amountOff|refundedAmount|revenue|refunds|balanceAfter|amountRefundPending|excessAmount)$/;

/** Fields holding amounts in minor units (shown as money with the record's currency). */
export function moneyFields(model: DMMF.Model): string[] {
  return model.fields.filter((f) => f.kind === "scalar" && f.type === "Int" && MONEY_FIELDS.test(f.name)).map((f) => f.name);
}

/**
 * The field AdminJS knows as the title. A bilingual name wins (over a code too) and stands for
 * both languages: each record's title is then picked per staff member (bilingual-titles.ts).
 */
/** Free-text city columns (`city`, `targetCity`): stored in English, shown in Arabic on Arabic pages. */
export function isCityField(f: Pick<DMMF.Field, "name" | "type">): boolean {
  return f.type === "String" && /^(city|\w+City)$/.test(f.name);
}

export function titleProperty(model: DMMF.Model): string | undefined {
  const bilingual = bilingualTitle(model);
  if (bilingual) return bilingual.en;
  const names = new Set(model.fields.filter((f) => f.kind === "scalar" && f.type === "String").map((f) => f.name));
  return TITLE_CANDIDATES.find((c) => names.has(c));
}

/** AdminJS property path of a field: relations that own a foreign key appear under the relation's name. */
function visibleFields(model: DMMF.Model): DMMF.Field[] {
  return model.fields.filter((f) => !f.isReadOnly && !(f.kind === "object" && !(f.relationFromFields?.length)));
}

export function defaultOptions(model: DMMF.Model, components: { Money: string; MoneyEdit: string; BasisPoints: string; StatusBadge: string; DateTime: string; JsonView: string; City: string }): ResourceOptions {
  const fields = visibleFields(model);
  const has = (n: string) => fields.some((f) => f.name === n);
  const title = titleProperty(model);
  // Both names of a bilingual record are columns and filters, Arabic first.
  const bilingual = bilingualTitle(model);
  const titles = bilingual ? [bilingual.ar, bilingual.en] : title ? [title] : [];
  const enums = fields.filter((f) => f.kind === "enum" && LIST_ENUMS.includes(f.name)).map((f) => f.name);
  const relations = fields.filter((f) => f.kind === "object").map((f) => f.name);
  const money = moneyFields(model).filter((m) => ["total", "amount", "price", "priceMonthly", "balance"].includes(m));

  const list = ["id", ...titles, ...enums.slice(0, 3), ...relations.slice(0, 2), ...money.slice(0, 1), has("createdAt") ? "createdAt" : undefined]
    .filter((x, i, a): x is string => !!x && a.indexOf(x) === i)
    .slice(0, 8);
  const filters = [
    ...fields.filter((f) => f.kind === "enum").map((f) => f.name),
    ...relations,
    ...fields.filter((f) => f.type === "Boolean").map((f) => f.name),
    ...titles,
    ...["createdAt", "deletedAt"].filter(has),
  ];

  const properties: Record<string, PropertyOptions> = {};
  for (const f of SECRET_FIELDS) if (model.fields.some((x) => x.name === f)) properties[f] = { isVisible: false };
  for (const f of ["status", "deletedAt"]) {
    if (has(f)) properties[f] = { isVisible: { list: f === "status", show: true, filter: true, edit: false } };
  }
  // Statuses are badges coloured by meaning (one tone table per state machine).
  for (const f of fields) {
    if (f.kind === "enum" && STATUS_TONES[f.type]) {
      properties[f.name] = { ...properties[f.name], components: { list: components.StatusBadge, show: components.StatusBadge }, custom: { tones: STATUS_TONES[f.type] } };
    }
  }
  // JSON fields are printed whole on show pages (AdminJS flattens them and shows an empty box).
  for (const f of fields) {
    if (f.kind === "scalar" && f.type === "Json") properties[f.name] = { ...properties[f.name], components: { ...(properties[f.name]?.components ?? {}), show: components.JsonView } };
  }
  for (const f of fields) {
    if (f.kind === "scalar" && f.type === "DateTime") properties[f.name] = { ...properties[f.name], components: { list: components.DateTime, show: components.DateTime } };
  }
  for (const f of fields) {
    if (isCityField(f)) properties[f.name] = { ...properties[f.name], components: { list: components.City, show: components.City }, custom: { arabicNames: ARABIC_CITY_NAMES } };
  }
  for (const f of ["createdAt", "updatedAt"]) if (has(f)) properties[f] = { ...properties[f], isVisible: { list: f === "createdAt", show: true, filter: f === "createdAt", edit: false } };
  for (const m of moneyFields(model)) {
    properties[m] = { type: "number", components: { list: components.Money, show: components.Money, edit: components.MoneyEdit } };
  }
  // Rates kept in basis points (the "Bp" suffix, e.g. vatRateBp = 1500) read as percentages.
  for (const f of fields) {
    if (f.type === "Int" && f.name.endsWith("Bp")) properties[f.name] = { type: "number", components: { list: components.BasisPoints, show: components.BasisPoints } };
  }
  return {
    ...(title ? { titleProperty: title } : {}),
    listProperties: list,
    filterProperties: [...new Set(filters)],
    properties,
    sort: { sortBy: "id", direction: "desc" },
  };
}
