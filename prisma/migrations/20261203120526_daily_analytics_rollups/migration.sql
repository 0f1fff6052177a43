-- AlterTable
ALTER TABLE "backoffice_dailyanalytics" ADD COLUMN     "resolved_within_sla" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tickets_breached" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "backoffice_dailyrevenue" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "purpose" "invoice_purpose" NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "invoices" INTEGER NOT NULL DEFAULT 0,
    "net" INTEGER NOT NULL DEFAULT 0,
    "vat" INTEGER NOT NULL DEFAULT 0,
    "gross" INTEGER NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "computed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backoffice_dailyrevenue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_dailycategoryanalytics" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "category_id" INTEGER NOT NULL,
    "new_requests" INTEGER NOT NULL DEFAULT 0,
    "completed_requests" INTEGER NOT NULL DEFAULT 0,
    "cancelled_requests" INTEGER NOT NULL DEFAULT 0,
    "new_offers" INTEGER NOT NULL DEFAULT 0,
    "computed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backoffice_dailycategoryanalytics_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_dailyrevenue_date_purpose_currency_key" ON "backoffice_dailyrevenue"("date", "purpose", "currency");

-- CreateIndex
CREATE INDEX "backoffice_dailycategoryanalytics_category_id_idx" ON "backoffice_dailycategoryanalytics"("category_id");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_dailycategoryanalytics_date_category_id_key" ON "backoffice_dailycategoryanalytics"("date", "category_id");

-- CreateIndex
CREATE INDEX "accounts_user_created_at_idx" ON "accounts_user"("created_at");

-- CreateIndex
CREATE INDEX "billing_invoice_paid_at_idx" ON "billing_invoice"("paid_at");

-- CreateIndex
CREATE INDEX "billing_invoice_issued_at_idx" ON "billing_invoice"("issued_at");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_created_at_idx" ON "marketplace_servicerequest"("created_at");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_completed_at_idx" ON "marketplace_servicerequest"("completed_at");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_cancelled_at_idx" ON "marketplace_servicerequest"("cancelled_at");

-- CreateIndex
CREATE INDEX "providers_providerprofile_created_at_idx" ON "providers_providerprofile"("created_at");

-- CreateIndex
CREATE INDEX "support_supportticket_created_at_idx" ON "support_supportticket"("created_at");

-- CreateIndex
CREATE INDEX "support_supportticket_resolved_at_idx" ON "support_supportticket"("resolved_at");

-- AddForeignKey
ALTER TABLE "backoffice_dailycategoryanalytics" ADD CONSTRAINT "backoffice_dailycategoryanalytics_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "providers_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

