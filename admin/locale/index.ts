/** Builds AdminJS's locale (translations for both languages) for a staff member's language. */
import type { Locale } from "adminjs";
import { Prisma } from "@prisma/client";
import { core, LANGUAGES, type Lang } from "./core.js";
import { navigationGroups, resourceLabels } from "./resource-labels.js";
import { supportDesk } from "./support-desk.js";
import { notificationsCore, notificationsLabels } from "./notifications.js";
import { jobsConsoleStrings } from "./jobs-console.js";
import { dashboardStrings } from "./dashboard.js";
import { exportsCore, exportsLabels } from "./exports.js";
import { walletCore, walletLabels } from "./wallet.js";
import { listStrings } from "./lists.js";

/** Sections of the shared strings with a part's extra strings added (the shared ones win a clash). */
function withExtras(base: Record<string, Record<string, unknown>>, extras: Record<string, Record<string, unknown>>) {
  return Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(extras)])].map((k) => [k, { ...extras[k], ...base[k] }]));
}

/** AdminJS reads a boolean's badge and filter as "<field>.true" / "<field>.false": one pair per boolean field of the schema. */
const booleanFields = [...new Set(Prisma.dmmf.datamodel.models.flatMap((m) => m.fields.filter((f) => f.type === "Boolean").map((f) => f.name)))];
const yesNo: Record<Lang, Record<string, string>> = Object.fromEntries(
  (LANGUAGES as readonly Lang[]).map((lang) => {
    const [yes, no] = lang === "ar" ? ["نعم", "لا"] : ["Yes", "No"];
    return [lang, Object.fromEntries(booleanFields.flatMap((f) => [[`${f}.true`, yes], [`${f}.false`, no]]))];
  }),
) as Record<Lang, Record<string, string>>;

function translationsFor(lang: Lang) {
  const desk = supportDesk[lang];
  const shared = withExtras(withExtras(withExtras(withExtras(withExtras(core[lang]!, notificationsCore[lang]!), jobsConsoleStrings[lang]!), exportsCore[lang]!), walletCore[lang]!), listStrings[lang]!);
  const base: Record<string, Record<string, unknown>> = {
    ...shared,
    // A resource's own action labels also as "<Resource>_<action>" (the breadcrumbs read those).
    actions: { ...shared.actions, ...desk.actions, ...Object.fromEntries(Object.entries(desk.resourceActions).flatMap(([model, a]) => Object.entries(a).map(([name, label]) => [`${model}_${name}`, label]))) },
    buttons: { ...shared.buttons, ...desk.buttons },
    messages: { ...shared.messages, ...desk.messages, ...dashboardStrings[lang].messages },
  };
  const labels: Record<string, string> = { ...yesNo[lang], ...(base.labels as Record<string, string>), ...desk.labels, ...dashboardStrings[lang].labels, ...navigationGroups[lang] };
  const resources: Record<string, { properties: Record<string, string>; labels: Record<string, string>; actions: Record<string, string>; messages?: Record<string, string> }> = {};
  const extra: Record<string, { label?: string; properties?: Record<string, string>; actions?: Record<string, string>; messages?: Record<string, string> }> = { ...notificationsLabels[lang], ...walletLabels[lang] };
  for (const [model, l] of Object.entries(exportsLabels[lang])) extra[model] = { ...extra[model], label: l.label ?? extra[model]?.label, properties: { ...extra[model]?.properties, ...l.properties } };
  for (const model of new Set([...Object.keys(resourceLabels[lang]), ...Object.keys(extra)])) {
    const r = { label: extra[model]?.label ?? resourceLabels[lang][model]?.label ?? model, properties: { ...resourceLabels[lang][model]?.properties, ...extra[model]?.properties } };
    labels[model] = r.label;
    // Enum badges are translated as labels ("<field>.<value>"), field names as properties.
    const enumValues = Object.fromEntries(Object.entries(r.properties).filter(([k]) => k.includes(".")));
    // A list page is titled with what it lists ("Service requests"), not "List".
    resources[model] = { properties: r.properties, labels: enumValues, actions: { list: r.label, ...extra[model]?.actions, ...desk.resourceActions[model] }, ...(extra[model]?.messages ? { messages: extra[model].messages } : {}) };
  }
  return { ...base, labels, resources };
}

const translations = { en: translationsFor("en"), ar: translationsFor("ar") };

export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
}

/** The locale for one language. Only that language is "available": switching goes through the server (profile + page reload, for RTL). */
export function localeFor(lang: Lang): Locale {
  return {
    language: lang,
    availableLanguages: [lang],
    localeDetection: false,
    translations,
    // i18next option passed through by AdminJS: start in this language, not in the fallback.
    ...({ lng: lang } as object),
  } as Locale;
}

export type { Lang };
