/**
 * The seller on a tax invoice: the `seller` setting, and nothing else. There is no fallback — an
 * invoice with an invented name or VAT number is not a tax invoice — so issuing or printing one
 * without a valid seller fails with SELLER_NOT_CONFIGURED, which finance sees as a notice.
 */
import { DomainError } from "../../platform/errors.js";
import { readSetting, sellerSchema, SettingInvalidError, type Seller } from "../backoffice/settings.js";

export type { Seller };

function notConfigured(issues: readonly { path: string; message: string }[] = []): DomainError {
  const why = issues.length ? `: ${issues.map((i) => `${i.path || "value"} ${i.message}`).join("; ")}` : " (no seller setting)";
  return new DomainError("SELLER_NOT_CONFIGURED", `no valid seller for tax invoices${why}`, 503);
}

/** The configured seller, or SELLER_NOT_CONFIGURED when the setting is missing or invalid. */
export async function requireSeller(db: Parameters<typeof readSetting>[0]): Promise<Seller> {
  let seller: Seller | undefined;
  try {
    seller = await readSetting(db, "seller");
  } catch (err) {
    if (err instanceof SettingInvalidError) throw notConfigured(err.issues);
    throw err;
  }
  if (!seller) throw notConfigured();
  return seller;
}

/** Checks a seller handed to the renderer directly (it must meet the same rules as the setting). */
export function checkSeller(seller: unknown): Seller {
  const parsed = sellerSchema.safeParse(seller);
  if (!parsed.success) throw notConfigured(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
  return parsed.data;
}
