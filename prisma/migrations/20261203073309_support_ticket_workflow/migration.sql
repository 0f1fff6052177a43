-- CreateEnum
CREATE TYPE "dispute_outcome" AS ENUM ('no_action', 'provider_warning', 'refund_full', 'refund_partial');

-- AlterEnum
ALTER TYPE "dispute_status" ADD VALUE 'closed';

-- AlterTable
ALTER TABLE "marketplace_dispute" ADD COLUMN     "closed_at" TIMESTAMPTZ(6),
ADD COLUMN     "outcome" "dispute_outcome",
ADD COLUMN     "refund_amount" INTEGER,
ADD COLUMN     "refund_invoice_id" INTEGER;

-- AlterTable
ALTER TABLE "support_supportteam" ADD COLUMN     "lead_id" INTEGER;

-- AlterTable
ALTER TABLE "support_supportticket" ADD COLUMN     "first_response_breached_at" TIMESTAMPTZ(6),
ADD COLUMN     "follow_up_of_id" INTEGER,
ADD COLUMN     "merged_into_id" INTEGER,
ADD COLUMN     "rated_at" TIMESTAMPTZ(6),
ADD COLUMN     "rating" SMALLINT,
ADD COLUMN     "rating_comment" VARCHAR(1000),
ADD COLUMN     "resolution_breached_at" TIMESTAMPTZ(6),
ADD COLUMN     "sla_due_at" TIMESTAMPTZ(6),
ADD COLUMN     "sla_paused_at" TIMESTAMPTZ(6),
ADD COLUMN     "sla_paused_seconds" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "support_triagerule" (
    "id" SERIAL NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "category" "support_ticket_type",
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "team_id" INTEGER NOT NULL,
    "priority" "priority",
    "sort_order" INTEGER NOT NULL DEFAULT 100,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_triagerule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_cannedreply" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "title_ar" VARCHAR(150) NOT NULL,
    "title_en" VARCHAR(150) NOT NULL,
    "body_ar" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_cannedreply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_triagerule_is_active_sort_order_idx" ON "support_triagerule"("is_active", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "support_cannedreply_code_key" ON "support_cannedreply"("code");

-- CreateIndex
CREATE INDEX "support_supportticket_sla_due_at_idx" ON "support_supportticket"("sla_due_at");

-- CreateIndex
CREATE INDEX "support_supportticket_status_resolved_at_idx" ON "support_supportticket"("status", "resolved_at");

-- AddForeignKey
ALTER TABLE "marketplace_dispute" ADD CONSTRAINT "marketplace_dispute_refund_invoice_id_fkey" FOREIGN KEY ("refund_invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportteam" ADD CONSTRAINT "support_supportteam_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "support_supportticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_follow_up_of_id_fkey" FOREIGN KEY ("follow_up_of_id") REFERENCES "support_supportticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_triagerule" ADD CONSTRAINT "support_triagerule_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "support_supportteam"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tickets already open get their running deadline; those waiting on the customer have their clock stopped.
UPDATE "support_supportticket"
SET "sla_due_at" = CASE WHEN "first_responded_at" IS NULL THEN "first_response_due_at" ELSE "resolution_due_at" END
WHERE "status" IN ('new', 'triaged', 'in_progress');
UPDATE "support_supportticket" SET "sla_paused_at" = "updated_at" WHERE "status" = 'waiting_on_customer';
