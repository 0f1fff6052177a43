-- CreateEnum
CREATE TYPE "approval_status" AS ENUM ('pending', 'approved', 'rejected', 'expired', 'failed');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "wallet_transaction_kind" ADD VALUE 'hold';
ALTER TYPE "wallet_transaction_kind" ADD VALUE 'release';

-- AlterEnum
ALTER TYPE "payout_status" ADD VALUE 'failed';

-- AlterTable
ALTER TABLE "accounts_wallettransaction" ADD COLUMN     "actor_id" INTEGER,
ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'SAR';

-- AlterTable
ALTER TABLE "billing_payout" ADD COLUMN     "approved_at" TIMESTAMPTZ(6),
ADD COLUMN     "approved_by_id" INTEGER,
ADD COLUMN     "failed_at" TIMESTAMPTZ(6),
ADD COLUMN     "failure_reason" TEXT,
ADD COLUMN     "payout_account_id" INTEGER,
ADD COLUMN     "transfer_reference" VARCHAR(100);

-- CreateTable
CREATE TABLE "backoffice_approvalrequest" (
    "id" SERIAL NOT NULL,
    "action" VARCHAR(50) NOT NULL,
    "target_entity" VARCHAR(50) NOT NULL,
    "target_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "before_state" JSONB NOT NULL,
    "after_state" JSONB NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "status" "approval_status" NOT NULL DEFAULT 'pending',
    "requested_by_id" INTEGER NOT NULL,
    "decided_by_id" INTEGER,
    "decision_note" TEXT,
    "decided_at" TIMESTAMPTZ(6),
    "failure_reason" TEXT,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_approvalrequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_payoutaccount" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "method_id" INTEGER NOT NULL,
    "iban" VARCHAR(34),
    "account_name" VARCHAR(150) NOT NULL,
    "bank_name" VARCHAR(100),
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_payoutaccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "backoffice_approvalrequest_status_expires_at_idx" ON "backoffice_approvalrequest"("status", "expires_at");

-- CreateIndex
CREATE INDEX "backoffice_approvalrequest_target_entity_target_id_idx" ON "backoffice_approvalrequest"("target_entity", "target_id");

-- CreateIndex
CREATE INDEX "billing_payoutaccount_user_id_idx" ON "billing_payoutaccount"("user_id");

-- AddForeignKey
ALTER TABLE "backoffice_approvalrequest" ADD CONSTRAINT "backoffice_approvalrequest_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_approvalrequest" ADD CONSTRAINT "backoffice_approvalrequest_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payoutaccount" ADD CONSTRAINT "billing_payoutaccount_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payoutaccount" ADD CONSTRAINT "billing_payoutaccount_method_id_fkey" FOREIGN KEY ("method_id") REFERENCES "billing_withdrawmethod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payout" ADD CONSTRAINT "billing_payout_payout_account_id_fkey" FOREIGN KEY ("payout_account_id") REFERENCES "billing_payoutaccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

