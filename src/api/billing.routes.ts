/** Invoices (the owner's), paying them through Stripe, plans and subscriptions, extras. */
import { z } from "zod";
import * as billing from "../domains/billing/index.js";
import * as subscriptions from "../domains/subscriptions/index.js";
import * as extras from "../domains/extras/index.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { currency, dbId, idParam, isoDateTime, money } from "./schemas/common.js";
import { authOf } from "./auth.js";
import { langOf, problemSchema } from "./problem.js";
import { DomainError } from "../platform/errors.js";

const invoiceSchema = z
  .object({
    id: z.number().int(),
    number: z.string().meta({ example: "NWF-2026-000123" }),
    status: z.enum(billing.INVOICE_STATUSES),
    purpose: z.enum(["verification", "promotion", "subscription", "extra"]),
    subscription_id: z.number().int().nullable().meta({ description: "The subscription whose period this invoice bills (purpose subscription), also for past renewals." }),
    subtotal: money,
    discount: money,
    vat_rate_bp: z.number().int().meta({ description: "VAT rate in basis points (1500 = 15%)." }),
    vat: money,
    total: money,
    amount_paid: money,
    amount_refunded: money,
    currency,
    issued_at: isoDateTime.nullable(),
    due_at: isoDateTime.nullable(),
    paid_at: isoDateTime.nullable(),
    lines: z.array(z.object({ description_ar: z.string(), description_en: z.string(), quantity: z.number().int(), unit_amount: money, amount: money })),
    pdf_url: z.string(),
  })
  .meta({ id: "Invoice" });

const withPdf = <T extends { id: number }>(inv: T) => ({ ...inv, pdfUrl: `/api/v1/invoices/${inv.id}/pdf` });

const planSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name_ar: z.string(),
    name_en: z.string(),
    description_ar: z.string().nullable(),
    description_en: z.string().nullable(),
    currency,
    prices: z.object({ monthly: money.nullable(), quarterly: money.nullable(), half_yearly: money.nullable(), yearly: money.nullable() }).meta({ description: "Price per billing cycle (VAT excluded); null when not sold for that cycle." }),
  })
  .meta({ id: "Plan" });

const subscriptionSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(subscriptions.SUBSCRIPTION_STATUSES),
    cycle: z.enum(subscriptions.CYCLES),
    plan: z.object({ id: z.number().int(), name_ar: z.string(), name_en: z.string() }),
    current_period_start: isoDateTime.nullable(),
    current_period_end: isoDateTime.nullable(),
    cancel_at_period_end: z.boolean(),
    invoice: invoiceSchema.nullable().meta({ description: "The current invoice (the first one, or the open renewal)." }),
  })
  .meta({ id: "Subscription" });

const extraSchema = z
  .object({ id: z.number().int(), code: z.string(), name_ar: z.string(), name_en: z.string(), description_ar: z.string().nullable(), description_en: z.string().nullable(), price: money, currency, duration_days: z.number().int().nullable() })
  .meta({ id: "Extra" });

const purchaseSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(["pending_payment", "active", "expired", "cancelled"]),
    extra: z.object({ id: z.number().int(), name_ar: z.string(), name_en: z.string() }),
    activated_at: isoDateTime.nullable(),
    expires_at: isoDateTime.nullable(),
    invoice: invoiceSchema.nullable(),
  })
  .meta({ id: "ExtraPurchase" });

const promoCodeField = z.string().trim().min(1).max(50).optional().meta({ description: "Applied to the invoice; 422 with the reason when it does not apply." });

export function billingRoutes(api: Api, c: ApiContext): void {
  const { deps } = c;

  api.route(
    { method: "get", path: "/invoices", tag: "Billing", auth: "user", summary: "My invoices, newest first", query: z.object(pageQuery), response: pageOf(invoiceSchema, "InvoicePage") },
    async ({ query, user }) => {
      const rows = await billing.listOwnInvoices(deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      const page = paginate(rows, query.limit, (r) => r.id);
      return { ...page, items: page.items.map(withPdf) };
    },
  );

  api.route(
    { method: "get", path: "/invoices/{id}", tag: "Billing", auth: "user", summary: "One of my invoices", params: idParam, response: invoiceSchema },
    async ({ params, user }) => withPdf(await billing.getOwnInvoice(deps, user.id, params.id)),
  );

  // Not JSON, so not api.route: documented by hand, same auth and errors.
  const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
  api.registry.registerPath({
    method: "get", path: "/invoices/{id}/pdf", tags: ["Billing"], security: [{ bearerAuth: [] }],
    summary: "My invoice as a PDF (simplified tax invoice with the ZATCA QR code)",
    request: { params: idParam },
    responses: {
      200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } },
      400: problem("Invalid id"), 401: problem("Missing or invalid bearer token"), 404: problem("Not found"), 429: problem("Rate limited"), 500: problem("Server error"),
      503: problem("SELLER_NOT_CONFIGURED: the seller for tax invoices (name, VAT number, address) is not set up"),
    },
  });
  api.router.get("/invoices/:id/pdf", async (req, res, next) => {
    try {
      const auth = authOf(res);
      if (!auth) throw new DomainError("UNAUTHENTICATED", "bearer token required", 401);
      const { id } = idParam.parse(req.params);
      const { filename, pdf } = await billing.invoicePdf(deps, id, langOf(res), auth.user.id);
      res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${filename}"`);
      res.send(pdf);
    } catch (e) {
      next(e);
    }
  });

  api.route(
    {
      method: "post", path: "/invoices/{id}/pay", tag: "Billing", auth: "user", summary: "Start paying an issued invoice (Stripe PaymentIntent)",
      description: "Returns the PaymentIntent's client secret for the Stripe SDK in the app. Retried calls return the same PaymentIntent. 503 PAYMENTS_NOT_CONFIGURED where Stripe is not set up.",
      params: idParam,
      response: z.object({ payment_intent_id: z.string(), client_secret: z.string(), amount: money, currency, invoice_id: z.number().int() }).meta({ id: "PaymentIntent" }),
      idempotent: true, errors: [409, 503],
    },
    ({ params, ctx }) => billing.payInvoice(deps, ctx, params.id),
  );

  api.route(
    { method: "get", path: "/plans", tag: "Subscriptions", auth: "none", summary: "Active subscription plans with their price per cycle", response: z.object({ items: z.array(planSchema) }) },
    async () => ({
      items: (await subscriptions.listPlans(deps)).map((p) => ({ ...p, prices: { monthly: p.priceMonthly, quarterly: p.priceQuarterly, halfYearly: p.priceHalfYearly, yearly: p.priceYearly } })),
    }),
  );

  const subscriptionOut = <T extends { invoice: Parameters<typeof withPdf>[0] | null }>(s: T) => ({ ...s, invoice: s.invoice ? withPdf(s.invoice) : null });

  api.route(
    {
      method: "post", path: "/subscriptions", tag: "Subscriptions", auth: "provider", summary: "Subscribe to a plan: returns the pending subscription and its issued invoice",
      body: z.object({ plan_id: dbId, cycle: z.enum(subscriptions.CYCLES), promo_code: promoCodeField }).strict(),
      response: subscriptionSchema, status: 201, idempotent: true, errors: [409, 422],
    },
    async ({ body, ctx }) => {
      const r = await subscriptions.subscribe(deps, ctx, { planId: body.plan_id, cycle: body.cycle, promoCode: body.promo_code });
      return subscriptionOut(await subscriptions.getSubscriptionWithInvoice(deps, r.subscription.id));
    },
  );

  api.route(
    { method: "get", path: "/subscriptions", tag: "Subscriptions", auth: "user", summary: "My subscriptions, newest first", response: z.object({ items: z.array(subscriptionSchema) }) },
    async ({ user }) => ({ items: (await subscriptions.listOwnSubscriptions(deps, user.id)).map(subscriptionOut) }),
  );

  api.route(
    {
      method: "post", path: "/subscriptions/{id}/cancel", tag: "Subscriptions", auth: "user", summary: "Cancel: at once while unpaid (the invoice is voided), else at the end of the paid period",
      params: idParam, response: subscriptionSchema, errors: [409],
    },
    async ({ params, ctx }) => subscriptionOut(await subscriptions.getSubscriptionWithInvoice(deps, (await subscriptions.cancelSubscription(deps, ctx, params.id)).id)),
  );

  api.route(
    { method: "get", path: "/extras", tag: "Extras", auth: "none", summary: "The extras catalog", response: z.object({ items: z.array(extraSchema) }) },
    async () => ({ items: await extras.listExtras(deps) }),
  );

  const purchaseOut = <T extends { invoice: Parameters<typeof withPdf>[0] | null }>(p: T) => ({ ...p, invoice: p.invoice ? withPdf(p.invoice) : null });

  api.route(
    {
      method: "post", path: "/extras/purchases", tag: "Extras", auth: "user", summary: "Buy an extra: returns the pending purchase and its issued invoice",
      body: z.object({ extra_id: dbId, promo_code: promoCodeField }).strict(),
      response: purchaseSchema, status: 201, idempotent: true, errors: [422],
    },
    async ({ body, ctx }) => purchaseOut(await extras.getPurchaseWithInvoice(deps, (await extras.purchaseExtra(deps, ctx, { extraId: body.extra_id, promoCode: body.promo_code })).purchase.id)),
  );

  api.route(
    { method: "get", path: "/extras/purchases", tag: "Extras", auth: "user", summary: "My extra purchases", response: z.object({ items: z.array(purchaseSchema) }) },
    async ({ user }) => ({ items: (await extras.listOwnPurchases(deps, user.id)).map(purchaseOut) }),
  );
}
