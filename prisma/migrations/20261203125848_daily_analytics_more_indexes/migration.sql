-- CreateIndex
CREATE INDEX "marketplace_offer_created_at_idx" ON "marketplace_offer"("created_at");

-- CreateIndex
CREATE INDEX "marketplace_requeststatuslog_created_at_idx" ON "marketplace_requeststatuslog"("created_at");

