/**
 * The typed settings registry: one zod schema per `backoffice_setting` key. Code reads settings
 * only through `readSetting`, and the panel's Setting edit validates with the same schemas, so a
 * value the code cannot use is refused where staff type it instead of being silently replaced by
 * a default where it is read (the invoice seller used to fall back to a placeholder that way).
 *
 * Panel forms send every leaf as a string ("1500", "true"), so the leaf schemas accept a number
 * or boolean and its form spelling, and parsing returns the typed value that is then stored.
 */
import { BadgeType, Priority, PromoPlacement, type Prisma } from "@prisma/client";
import { z } from "zod";
import { DomainError } from "../../platform/errors.js";
import { IMAGE_TYPES } from "../../platform/storage.js";

const numeric = (v: unknown) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v);
const int = (min: number, max: number) => z.preprocess(numeric, z.number().int().min(min).max(max));
const flag = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());
const text = (max: number) => z.string().trim().min(1).max(max);
/** An optional text field: a blank form input means "not given". */
const optionalText = (schema: z.ZodString) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
const halalas = int(0, 100_000_000);
// Custom messages are catalog keys (backoffice.messages.ts), worded in the staff member's language.
const phone = z.string().trim().regex(/^\+966\d{8,9}$/, "SAUDI_PHONE");

/**
 * ZATCA's own examples use 300000000000003; a VAT number that is only the required 3…3 frame
 * around zeros is a placeholder, never a registration.
 */
export const PLACEHOLDER_VAT_NUMBER = "300000000000003";

const addressLines = z.object({ street: text(200), district: optionalText(z.string().trim().max(200)), city: text(100) });

/** The company that issues tax invoices, as registered with ZATCA (printed on every invoice and in its QR code). */
export const sellerSchema = z.object({
  // The ZATCA QR carries this name in a TLV field of at most 255 UTF-8 bytes (about 127 Arabic letters).
  nameAr: text(200).refine((v) => Buffer.byteLength(v, "utf8") <= 255, "SELLER_NAME_BYTES"),
  nameEn: text(200),
  vatNumber: z
    .string()
    .trim()
    .regex(/^3\d{13}3$/, "VAT_NUMBER_FORMAT")
    .refine((v) => v !== PLACEHOLDER_VAT_NUMBER, "VAT_NUMBER_PLACEHOLDER"),
  crNumber: optionalText(z.string().trim().regex(/^\d{10}$/, "CR_NUMBER_FORMAT")),
  address: z.object({
    ar: addressLines,
    en: addressLines,
    buildingNumber: optionalText(z.string().trim().regex(/^\d{4}$/, "BUILDING_NUMBER_FORMAT")),
    postalCode: optionalText(z.string().trim().regex(/^\d{5}$/, "POSTAL_CODE_FORMAT")),
  }),
});
export type Seller = z.output<typeof sellerSchema>;

/** What one promotion placement takes: image types, size, pixel dimensions, and live slots per city. */
export const promoPlacementRuleSchema = z.object({
  types: z.array(z.enum(IMAGE_TYPES)).min(1).max(IMAGE_TYPES.length),
  maxBytes: int(10_000, 20_000_000),
  width: int(1, 10_000),
  height: int(1, 10_000),
  // exact: the app shows the image at that size; min: at least that big (the app scales it down).
  fit: z.enum(["exact", "min"]),
  // Only where the app has a fixed number of slots (the home banner carousel); blank means no limit.
  maxLivePerCity: z.preprocess((v) => (v === "" || v === null ? undefined : v), int(1, 100).optional()),
});
export type PromoPlacementRule = z.output<typeof promoPlacementRuleSchema>;

/** The placement rules code uses until staff store their own. */
export const DEFAULT_PROMO_PLACEMENT_RULES: Record<PromoPlacement, PromoPlacementRule> = {
  home_banner: { types: [...IMAGE_TYPES], maxBytes: 2_000_000, width: 1200, height: 400, fit: "exact", maxLivePerCity: 3 },
  category_top: { types: [...IMAGE_TYPES], maxBytes: 1_000_000, width: 800, height: 400, fit: "min" },
  search_boost: { types: [...IMAGE_TYPES], maxBytes: 500_000, width: 400, height: 400, fit: "min" },
};

interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** What code uses when the row does not exist; no default means the setting must be configured. */
  default?: z.output<S>;
}
const setting = <S extends z.ZodType>(schema: S, defaultValue?: z.output<S>): SettingDefinition<S> => ({ schema, ...(defaultValue === undefined ? {} : { default: defaultValue }) });

/** Every setting key the system knows; a row with another key cannot be edited in the panel. */
export const SETTINGS = {
  seller: setting(sellerSchema),
  vat_rate_bp: setting(int(0, 10_000), 1500), // DESIGN: VAT is 15% unless a setting says otherwise
  default_currency: setting(z.string().trim().regex(/^[A-Z]{3}$/, "CURRENCY_CODE"), "SAR"),
  invoice_due_days: setting(int(1, 365), 7),
  invoice_reminder_days: setting(z.array(int(1, 365)).max(10), [1, 3, 7]),
  // A badge type missing from the record is free.
  verification_fees: setting(z.partialRecord(z.enum(BadgeType), halalas), {}),
  badge_validity_days: setting(int(1, 3650), 365),
  // One number or several: the provider is told once at each (e.g. 30 and 7 days before).
  badge_expiry_notice_days: setting(z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(int(0, 365)).min(1).max(5)), [30, 7]),
  // A reviewer's claim lapses after this long without a decision, so a request is never stuck with someone away.
  verification_claim_idle_minutes: setting(int(5, 24 * 60), 30),
  verification_upload_max_bytes: setting(int(100_000, 50_000_000), 10_000_000),
  promo_daily_prices: setting(z.record(z.enum(PromoPlacement), halalas), { home_banner: 5_000, category_top: 2_500, search_boost: 3_500 }),
  promo_max_days: setting(int(1, 365), 60),
  promo_placement_rules: setting(z.record(z.enum(PromoPlacement), promoPlacementRuleSchema), DEFAULT_PROMO_PLACEMENT_RULES),
  // As verification: a promotion is never stuck with a reviewer who went away.
  promo_claim_idle_minutes: setting(int(5, 24 * 60), 30),
  sla_first_response_hours: setting(z.record(z.enum(Priority), int(1, 24 * 90)), { urgent: 1, high: 4, normal: 8, low: 24 }),
  sla_resolution_hours: setting(z.record(z.enum(Priority), int(1, 24 * 90)), { urgent: 8, high: 24, normal: 72, low: 168 }),
  support_auto_close_days: setting(int(1, 365), 7),
  // A customer's reply reopens a ticket resolved this recently; after that the app offers a follow-up ticket.
  support_reopen_days: setting(int(1, 365), 14),
  // Round robin skips an agent who already has this many open tickets.
  support_agent_open_cap: setting(int(1, 1000), 25),
  support_upload_max_bytes: setting(int(100_000, 50_000_000), 10_000_000),
  otp_ttl_seconds: setting(int(30, 3600)),
  otp_max_attempts: setting(int(1, 20)),
  support_contact: setting(z.object({ phone, email: z.email(), whatsapp: phone })),
  maintenance_mode: setting(flag, false),
  // Account deletion: signing in again within this many days cancels it; then personal data is erased.
  account_deletion_grace_days: setting(int(0, 90), 14),
  // A personal data export's download link works this long after the ZIP is ready.
  data_export_link_hours: setting(int(1, 24 * 14), 24),
  // Rows one retention batch touches in one short transaction (the nightly job loops over batches).
  retention_batch_size: setting(int(10, 10_000), 1000),
  // A panel export of at most this many rows streams straight to the browser; a bigger one runs as a job.
  export_stream_max_rows: setting(int(100, 1_000_000), 5000),
  // An export job's file can be downloaded this long, then a job deletes it.
  export_file_hours: setting(int(1, 24 * 30), 24),
  // Four eyes: per money action, the amount (halalas) above which a second staff member must approve; null = never, 0 = always.
  four_eyes: setting(z.partialRecord(z.enum(["invoice.refund", "invoice.mark_paid", "wallet.credit", "payout.approve"]), z.preprocess((v) => (v === "" || v === "null" ? null : v), halalas.nullable())), {
    "invoice.refund": 500_000,
    "invoice.mark_paid": null,
    "wallet.credit": 50_000,
    "payout.approve": 500_000,
  }),
  // A pending approval nobody decided lapses after this long.
  approval_expiry_hours: setting(int(1, 24 * 30), 48),
  // Money actions and approvals need the password typed within this many minutes.
  staff_reauth_minutes: setting(int(1, 240), 10),
} satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]["schema"]>;

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** One problem with a value: where in it (dotted path, "" for the whole value) and what (a catalog key or zod's words). */
export interface SettingIssue {
  path: string;
  message: string;
  /** The zod issue, for wording the message in a reader's language. */
  issue: z.core.$ZodIssue;
}

const settingIssue = (issue: z.core.$ZodIssue): SettingIssue => ({ path: issue.path.map(String).join("."), message: issue.message, issue });

export type SettingParse<T = unknown> = { ok: true; value: T } | { ok: false; issues: SettingIssue[] };

/** Validates a value for `key` (stored JSON or a panel form's strings) and returns the typed value to store. */
export function parseSetting(key: string, value: unknown): SettingParse {
  if (!isSettingKey(key)) return { ok: false, issues: [settingIssue({ code: "custom", path: [], message: "UNKNOWN_SETTING", params: { key } })] };
  const parsed = (SETTINGS[key].schema as z.ZodType).safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(settingIssue) };
}

/** A stored setting the code cannot use: refused loudly rather than replaced by a guess. */
export class SettingInvalidError extends DomainError {
  constructor(
    readonly key: string,
    readonly issues: SettingIssue[],
  ) {
    super("SETTING_INVALID", `setting ${key} is invalid: ${issues.map((i) => `${i.path || "value"}: ${i.message}`).join("; ")}`, 503, { key });
  }
}

type SettingsDb = { setting: Pick<Prisma.TransactionClient["setting"], "findUnique"> };

/**
 * The typed value of a setting: the stored row, else the registry's default, else undefined
 * (the caller decides whether a missing setting is an error). An invalid row throws.
 */
export async function readSetting<K extends SettingKey>(db: SettingsDb, key: K): Promise<SettingValue<K> | undefined> {
  const row = await db.setting.findUnique({ where: { key } });
  if (!row) return (SETTINGS[key] as SettingDefinition).default as SettingValue<K> | undefined;
  const parsed = parseSetting(key, row.value);
  if (!parsed.ok) throw new SettingInvalidError(key, parsed.issues);
  return parsed.value as SettingValue<K>;
}
