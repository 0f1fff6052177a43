-- AlterTable
ALTER TABLE "billing_invoice" ADD COLUMN     "subscription_id" INTEGER;

-- CreateIndex
CREATE INDEX "billing_invoice_subscription_id_idx" ON "billing_invoice"("subscription_id");

-- AddForeignKey
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions_subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: each subscription's current invoice bills that subscription.
UPDATE "billing_invoice" i SET "subscription_id" = s."id"
FROM "subscriptions_subscription" s
WHERE s."invoice_id" = i."id" AND i."subscription_id" IS NULL;
