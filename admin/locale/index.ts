/** Builds AdminJS's locale (translations for both languages) for a staff member's language. */
import type { Locale } from "adminjs";
import { core, LANGUAGES, type Lang } from "./core.js";
import { navigationGroups, resourceLabels } from "./resource-labels.js";
import { supportDesk } from "./support-desk.js";

function translationsFor(lang: Lang) {
  const desk = supportDesk[lang];
  const base: Record<string, Record<string, unknown>> = {
    ...core[lang]!,
    // A resource's own action labels also as "<Resource>_<action>" (the breadcrumbs read those).
    actions: { ...core[lang]!.actions, ...desk.actions, ...Object.fromEntries(Object.entries(desk.resourceActions).flatMap(([model, a]) => Object.entries(a).map(([name, label]) => [`${model}_${name}`, label]))) },
    buttons: { ...core[lang]!.buttons, ...desk.buttons },
    messages: { ...core[lang]!.messages, ...desk.messages },
  };
  const labels: Record<string, string> = { ...(base.labels as Record<string, string>), ...desk.labels, ...navigationGroups[lang] };
  const resources: Record<string, { properties: Record<string, string>; labels: Record<string, string>; actions: Record<string, string> }> = {};
  for (const [model, r] of Object.entries(resourceLabels[lang])) {
    labels[model] = r.label;
    // Enum badges are translated as labels ("<field>.<value>"), field names as properties.
    const enumValues = Object.fromEntries(Object.entries(r.properties).filter(([k]) => k.includes(".")));
    // A list page is titled with what it lists ("Service requests"), not "List".
    resources[model] = { properties: r.properties, labels: enumValues, actions: { list: r.label, ...desk.resourceActions[model] } };
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
