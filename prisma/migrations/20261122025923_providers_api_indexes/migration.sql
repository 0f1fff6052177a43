-- DropIndex
DROP INDEX "providers_providerprofile_city_idx";

-- DropIndex
DROP INDEX "providers_providerprofile_rating_avg_idx";

-- DropIndex
DROP INDEX "providers_providercategory_subcategory_id_idx";

-- CreateIndex
CREATE INDEX "providers_providerprofile_city_id_idx" ON "providers_providerprofile"("city", "id");

-- CreateIndex
CREATE INDEX "providers_providerprofile_rating_avg_id_idx" ON "providers_providerprofile"("rating_avg", "id");

-- CreateIndex
CREATE INDEX "providers_providercategory_subcategory_id_provider_id_idx" ON "providers_providercategory"("subcategory_id", "provider_id");

