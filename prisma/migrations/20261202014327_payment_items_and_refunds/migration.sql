-- CreateEnum
CREATE TYPE "refund_status" AS ENUM ('pending', 'requires_action', 'succeeded', 'failed', 'canceled');

-- CreateEnum
CREATE TYPE "refund_purpose" AS ENUM ('invoice', 'excess');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "reconciliation_item_kind" ADD VALUE 'duplicate_payment';
ALTER TYPE "reconciliation_item_kind" ADD VALUE 'overpaid';
ALTER TYPE "reconciliation_item_kind" ADD VALUE 'refund_failed';

-- AlterTable
ALTER TABLE "billing_invoice" ADD COLUMN     "amount_refund_pending" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "billing_paymentattempt" ADD COLUMN     "excess_amount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "billing_reconciliationitem" ADD COLUMN     "dedupe_key" VARCHAR(255),
ALTER COLUMN "run_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "billing_refund" (
    "id" SERIAL NOT NULL,
    "payment_attempt_id" INTEGER NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "provider_refund_id" VARCHAR(255) NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "status" "refund_status" NOT NULL,
    "purpose" "refund_purpose",
    "reconciliation_item_id" INTEGER,
    "reason" TEXT,
    "failure_reason" VARCHAR(255),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "billing_refund_provider_refund_id_key" ON "billing_refund"("provider_refund_id");

-- CreateIndex
CREATE INDEX "billing_refund_payment_attempt_id_idx" ON "billing_refund"("payment_attempt_id");

-- CreateIndex
CREATE INDEX "billing_refund_invoice_id_idx" ON "billing_refund"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_refund_reconciliation_item_id_idx" ON "billing_refund"("reconciliation_item_id");

-- CreateIndex
CREATE INDEX "billing_refund_status_created_at_idx" ON "billing_refund"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "billing_reconciliationitem_dedupe_key_key" ON "billing_reconciliationitem"("dedupe_key");

-- AddForeignKey
ALTER TABLE "billing_refund" ADD CONSTRAINT "billing_refund_payment_attempt_id_fkey" FOREIGN KEY ("payment_attempt_id") REFERENCES "billing_paymentattempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_refund" ADD CONSTRAINT "billing_refund_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_refund" ADD CONSTRAINT "billing_refund_reconciliation_item_id_fkey" FOREIGN KEY ("reconciliation_item_id") REFERENCES "billing_reconciliationitem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

