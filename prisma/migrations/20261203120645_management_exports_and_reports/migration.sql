-- CreateEnum
CREATE TYPE "export_format" AS ENUM ('csv', 'xlsx');

-- CreateEnum
CREATE TYPE "report_kind" AS ENUM ('monthly_revenue', 'verification_turnaround', 'support_sla', 'provider_leaderboard', 'promo_revenue');

-- CreateEnum
CREATE TYPE "report_cadence" AS ENUM ('weekly', 'monthly');

-- AlterTable
ALTER TABLE "backoffice_exportjob" ADD COLUMN     "expires_at" TIMESTAMPTZ(6),
ADD COLUMN     "format" "export_format" NOT NULL DEFAULT 'csv',
ADD COLUMN     "resource" VARCHAR(100),
ADD COLUMN     "rows_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "size_bytes" INTEGER,
ADD COLUMN     "total_rows" INTEGER,
ALTER COLUMN "kind" DROP NOT NULL;

-- CreateTable
CREATE TABLE "backoffice_reportschedule" (
    "id" SERIAL NOT NULL,
    "report" "report_kind" NOT NULL,
    "cadence" "report_cadence" NOT NULL,
    "format" "export_format" NOT NULL DEFAULT 'xlsx',
    "recipients" TEXT[],
    "language" "language" NOT NULL DEFAULT 'ar',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "next_run_at" TIMESTAMPTZ(6),
    "last_run_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_reportschedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "backoffice_reportschedule_is_active_next_run_at_idx" ON "backoffice_reportschedule"("is_active", "next_run_at");

-- CreateIndex
CREATE INDEX "backoffice_exportjob_status_expires_at_idx" ON "backoffice_exportjob"("status", "expires_at");

-- AddForeignKey
ALTER TABLE "backoffice_reportschedule" ADD CONSTRAINT "backoffice_reportschedule_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

