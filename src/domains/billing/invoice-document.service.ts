/** The invoice PDF (simplified tax invoice with the ZATCA QR) for staff and for the invoice's owner. */
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { Lang } from "../../platform/i18n.js";
import { renderInvoicePdf } from "./invoice-pdf.js";
import { requireSeller } from "./seller.js";

export { requireSeller } from "./seller.js";

/** Renders an invoice; with `ownerId`, only that user's invoice (NotFound otherwise). Drafts have no tax invoice yet. */
export async function invoicePdf(deps: Deps, invoiceId: number, lang: Lang, ownerId?: number): Promise<{ filename: string; pdf: Buffer }> {
  const inv = await deps.db.invoice.findFirst({
    where: { id: invoiceId, ...(ownerId !== undefined ? { userId: ownerId } : {}) },
    include: { lines: { orderBy: { sortOrder: "asc" } }, user: { select: { fullName: true, phone: true, email: true } } },
  });
  if (!inv || (ownerId !== undefined && inv.status === "draft")) throw new NotFoundError("Invoice", invoiceId);
  if (inv.status === "draft") throw new DomainError("INVOICE_NOT_ISSUED", "a draft has no tax invoice", 409);
  const pdf = await renderInvoicePdf({ ...inv, customer: { name: inv.user.fullName, phone: inv.user.phone, email: inv.user.email } }, await requireSeller(deps.db), lang);
  return { filename: `${inv.number}.pdf`, pdf };
}
