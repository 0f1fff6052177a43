/** The invoice PDF (simplified tax invoice with the ZATCA QR) for staff and for the invoice's owner. */
import { z } from "zod";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { Lang } from "../../platform/i18n.js";
import { renderInvoicePdf, type SellerInfo } from "./invoice-pdf.js";

const sellerSchema = z.object({
  nameAr: z.string().min(1),
  nameEn: z.string().min(1),
  vatNumber: z.string().regex(/^3\d{13}3$/, "a Saudi VAT number has 15 digits, starting and ending with 3"),
  address: z.string().nullish(),
});

/** The seller block, from the `seller` setting (managed in the panel), with the company defaults. */
export async function sellerInfo(deps: Deps): Promise<SellerInfo> {
  const s = await deps.db.setting.findUnique({ where: { key: "seller" } });
  const parsed = sellerSchema.safeParse(s?.value);
  return parsed.success ? parsed.data : { nameAr: "نوافذ", nameEn: "Nawafeth", vatNumber: "300000000000003", address: "Riyadh, Saudi Arabia" };
}

/** Renders an invoice; with `ownerId`, only that user's invoice (NotFound otherwise). Drafts have no tax invoice yet. */
export async function invoicePdf(deps: Deps, invoiceId: number, lang: Lang, ownerId?: number): Promise<{ filename: string; pdf: Buffer }> {
  const inv = await deps.db.invoice.findFirst({
    where: { id: invoiceId, ...(ownerId !== undefined ? { userId: ownerId } : {}) },
    include: { lines: { orderBy: { sortOrder: "asc" } }, user: { select: { fullName: true, phone: true, email: true } } },
  });
  if (!inv || (ownerId !== undefined && inv.status === "draft")) throw new NotFoundError("Invoice", invoiceId);
  if (inv.status === "draft") throw new DomainError("INVOICE_NOT_ISSUED", "a draft has no tax invoice", 409);
  const pdf = await renderInvoicePdf({ ...inv, customer: { name: inv.user.fullName, phone: inv.user.phone, email: inv.user.email } }, await sellerInfo(deps), lang);
  return { filename: `${inv.number}.pdf`, pdf };
}
