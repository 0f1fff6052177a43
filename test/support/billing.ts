/** Billing test rig: the app over a fake Stripe with real signatures, and a way to run queued webhook jobs. */
import type { PrismaClient } from "@prisma/client";
import { createStripe } from "../../src/platform/payments/index.js";
import { logger } from "../../src/platform/logger.js";
import { WEBHOOKS, webhookHandler } from "../../jobs/billing.job.js";
import { startFakeStripe, type FakeStripe, type FakeStripeOptions, type SignedPayload } from "./fake-stripe.js";
import { startApi, type RunningApi } from "./api-client.js";
import type { TestDatabase } from "./test-database.js";
import type { Seller } from "../../src/domains/backoffice/settings.js";

/** A valid seller: issuing or printing a tax invoice needs one (SELLER_NOT_CONFIGURED otherwise). */
export const TEST_SELLER: Seller = {
  nameAr: "شركة نوافذ لتقنية المعلومات",
  nameEn: "Nawafeth Information Technology Co.",
  vatNumber: "310122393500003",
  crNumber: "1010987654",
  address: {
    ar: { street: "طريق الملك فهد", district: "حي العليا", city: "الرياض" },
    en: { street: "King Fahd Road", district: "Al Olaya", city: "Riyadh" },
    buildingNumber: "7421",
    postalCode: "12214",
  },
};

/** Stores the `seller` setting (idempotent), as an administrator would in the panel. */
export async function seedSeller(db: PrismaClient, seller: Seller = TEST_SELLER): Promise<void> {
  const value = seller as unknown as object;
  await db.setting.upsert({ where: { key: "seller" }, create: { key: "seller", value, description: "Seller on tax invoices" }, update: { value } });
}

export interface BillingRig {
  app: RunningApi;
  stripe: FakeStripe;
  deps: TestDatabase & { stripe: NonNullable<ReturnType<typeof createStripe>> };
  /** POSTs a signed payload to /webhooks/stripe as Stripe would. */
  post(signed: SignedPayload): Promise<{ status: number; body: any }>;
  /** Runs every queued webhook job now (what the worker does), returns how many ran. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

/** The app with payments configured and a seller, as a real billing deployment has. */
export async function startBillingRig(t: TestDatabase, fakeOptions: FakeStripeOptions = {}): Promise<BillingRig> {
  await seedSeller(t.db);
  const stripe = await startFakeStripe(fakeOptions);
  const client = createStripe({ secretKey: "sk_test_rig", apiBase: stripe.url }, { maxNetworkRetries: 0 })!;
  const deps = { ...t, stripe: client };
  const app = await startApi(t, { STRIPE_SECRET_KEY: "sk_test_rig", STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_BASE: stripe.url }, { stripe: client });
  const handle = webhookHandler(deps, logger("silent"));
  return {
    app,
    stripe,
    deps,
    async post({ payload, header }) {
      const res = await fetch(app.url + "/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async drain() {
      let n = 0;
      for (;;) {
        const jobs = await t.boss.fetch(WEBHOOKS.name, { batchSize: 50 });
        if (!jobs?.length) return n;
        for (const job of jobs) {
          try {
            await handle(job);
            await t.boss.complete(WEBHOOKS.name, job.id);
          } catch (e) {
            await t.boss.fail(WEBHOOKS.name, job.id, { message: String(e) });
          }
          n++;
        }
      }
    },
    async close() {
      await app.close();
      await stripe.close();
    },
  };
}

/** A plan with every cycle priced, and a promo code for subscriptions. */
export async function seedPlanAndPromo(db: PrismaClient, promo: Partial<{ code: string; percentOff: number; maxDiscount: number; maxUses: number; maxUsesPerUser: number }> = {}) {
  const s = Math.random().toString(36).slice(2, 8);
  const plan = await db.subscriptionPlan.create({
    data: { code: `pro-${s}`, nameAr: "احترافي", nameEn: "Pro", priceMonthly: 9900, priceQuarterly: 27900, priceHalfYearly: 53900, priceYearly: 99900 },
  });
  const code = await db.promoCode.create({
    data: { code: promo.code ?? `WELCOME${s}`.toUpperCase(), kind: "percentage", percentOff: promo.percentOff ?? 20, maxDiscount: promo.maxDiscount ?? 5000, maxUses: promo.maxUses ?? 100, maxUsesPerUser: promo.maxUsesPerUser ?? 1, appliesTo: ["subscription"] },
  });
  return { plan, promo: code };
}
