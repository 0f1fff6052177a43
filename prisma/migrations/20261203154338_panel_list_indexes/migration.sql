-- Indexes for the panel's lists over the big tables: each list order (newest first, by status,
-- by creation date) gets an index with the id that breaks ties, so a page and a count up to the
-- exact-count limit come straight from an index; and trigram indexes for the search box's
-- substring matches (ILIKE '%…%') on the fields staff know a record by.

-- CreateIndex
CREATE INDEX "accounts_user_full_name_trgm_idx" ON "accounts_user" USING GIN ("full_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "accounts_user_phone_trgm_idx" ON "accounts_user" USING GIN ("phone" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "accounts_user_email_trgm_idx" ON "accounts_user" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "backoffice_auditlog_created_id_idx" ON "backoffice_auditlog"("created_at", "id");

-- CreateIndex
CREATE INDEX "billing_invoice_status_id_idx" ON "billing_invoice"("status", "id");

-- CreateIndex
CREATE INDEX "billing_invoice_created_id_idx" ON "billing_invoice"("created_at", "id");

-- CreateIndex
CREATE INDEX "billing_invoice_number_trgm_idx" ON "billing_invoice" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "billing_paymentattempt_status_id_idx" ON "billing_paymentattempt"("status", "id");

-- CreateIndex
CREATE INDEX "billing_paymentattempt_created_id_idx" ON "billing_paymentattempt"("created_at", "id");

-- CreateIndex
CREATE INDEX "billing_webhookevent_status_id_idx" ON "billing_webhookevent"("status", "id");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_title_trgm_idx" ON "marketplace_servicerequest" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "notifications_notification_created_id_idx" ON "notifications_notification"("created_at", "id");

-- CreateIndex
CREATE INDEX "notifications_notificationdelivery_status_id_idx" ON "notifications_notificationdelivery"("status", "id");

-- CreateIndex
CREATE INDEX "notifications_notificationdelivery_created_id_idx" ON "notifications_notificationdelivery"("created_at", "id");

-- CreateIndex
CREATE INDEX "support_supportticket_status_id_idx" ON "support_supportticket"("status", "id");

-- CreateIndex
CREATE INDEX "support_supportticket_created_id_idx" ON "support_supportticket"("created_at", "id");

-- CreateIndex
CREATE INDEX "support_supportticket_code_trgm_idx" ON "support_supportticket" USING GIN ("code" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "support_supportticket_subject_trgm_idx" ON "support_supportticket" USING GIN ("subject" gin_trgm_ops);


-- Soft-deletable tables list only live rows (deleted_at IS NULL): partial indexes match that
-- predicate. Prisma's schema cannot express partial indexes, so they live here only.
CREATE INDEX "marketplace_servicerequest_live_id_idx" ON "marketplace_servicerequest" ("id") WHERE "deleted_at" IS NULL;
CREATE INDEX "marketplace_servicerequest_live_status_id_idx" ON "marketplace_servicerequest" ("status", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "marketplace_servicerequest_live_created_id_idx" ON "marketplace_servicerequest" ("created_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "marketplace_offer_live_id_idx" ON "marketplace_offer" ("id") WHERE "deleted_at" IS NULL;
CREATE INDEX "marketplace_offer_live_status_id_idx" ON "marketplace_offer" ("status", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "marketplace_offer_live_created_id_idx" ON "marketplace_offer" ("created_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "messaging_message_live_id_idx" ON "messaging_message" ("id") WHERE "deleted_at" IS NULL;
CREATE INDEX "messaging_message_live_created_id_idx" ON "messaging_message" ("created_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "accounts_user_live_id_idx" ON "accounts_user" ("id") WHERE "deleted_at" IS NULL;
CREATE INDEX "accounts_user_live_type_id_idx" ON "accounts_user" ("user_type", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "accounts_user_live_created_id_idx" ON "accounts_user" ("created_at", "id") WHERE "deleted_at" IS NULL;
