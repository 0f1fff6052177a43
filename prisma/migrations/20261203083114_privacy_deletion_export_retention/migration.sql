-- CreateEnum
CREATE TYPE "account_deletion_status" AS ENUM ('pending', 'cancelled', 'completed');

-- CreateEnum
CREATE TYPE "data_export_status" AS ENUM ('queued', 'running', 'ready', 'failed', 'expired');

-- AlterEnum
ALTER TYPE "otp_purpose" ADD VALUE 'account_deletion';

-- AlterTable
ALTER TABLE "backoffice_dataretentionrule" ADD COLUMN     "dry_run_at" TIMESTAMPTZ(6),
ADD COLUMN     "dry_run_count" INTEGER,
ADD COLUMN     "dry_run_protected" INTEGER;

-- CreateTable
CREATE TABLE "accounts_accountdeletion" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" "account_deletion_status" NOT NULL DEFAULT 'pending',
    "source" VARCHAR(20) NOT NULL DEFAULT 'app',
    "erase_after" TIMESTAMPTZ(6) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(6),
    "cancelled_by" "actor_type",
    "completed_at" TIMESTAMPTZ(6),
    "pseudonym" VARCHAR(40) NOT NULL,
    "blocked_reason" VARCHAR(200),
    "erased_counts" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "accounts_accountdeletion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts_dataexport" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" "data_export_status" NOT NULL DEFAULT 'queued',
    "storage_key" VARCHAR(500),
    "size_bytes" INTEGER,
    "file_count" INTEGER,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "accounts_dataexport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_legalhold" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER,
    "entity" VARCHAR(100),
    "entity_id" VARCHAR(64),
    "reason" TEXT NOT NULL,
    "placed_by_id" INTEGER NOT NULL,
    "released_at" TIMESTAMPTZ(6),
    "released_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_legalhold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_accountdeletion_pseudonym_key" ON "accounts_accountdeletion"("pseudonym");

-- CreateIndex
CREATE INDEX "accounts_accountdeletion_status_erase_after_idx" ON "accounts_accountdeletion"("status", "erase_after");

-- CreateIndex
CREATE INDEX "accounts_accountdeletion_user_id_idx" ON "accounts_accountdeletion"("user_id");

-- CreateIndex
CREATE INDEX "accounts_dataexport_user_id_id_idx" ON "accounts_dataexport"("user_id", "id");

-- CreateIndex
CREATE INDEX "accounts_dataexport_status_finished_at_idx" ON "accounts_dataexport"("status", "finished_at");

-- CreateIndex
CREATE INDEX "backoffice_legalhold_user_id_idx" ON "backoffice_legalhold"("user_id");

-- CreateIndex
CREATE INDEX "backoffice_legalhold_entity_entity_id_idx" ON "backoffice_legalhold"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "accounts_accountdeletion" ADD CONSTRAINT "accounts_accountdeletion_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts_dataexport" ADD CONSTRAINT "accounts_dataexport_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_legalhold" ADD CONSTRAINT "backoffice_legalhold_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_legalhold" ADD CONSTRAINT "backoffice_legalhold_placed_by_id_fkey" FOREIGN KEY ("placed_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_legalhold" ADD CONSTRAINT "backoffice_legalhold_released_by_id_fkey" FOREIGN KEY ("released_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The demo retention rules were never enforced and named targets the retention job does not have
-- (an archive of the append-only audit log, for one). The job's own rules are written by
-- ensureRetentionRules() with their defaults; drop the demo rows so none of them lingers.
DELETE FROM "backoffice_dataretentionrule" WHERE "key" IN ('otp.expired', 'session.expired', 'webhook_event.processed', 'user.deleted', 'audit_log');
