-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "providers_providerprofile_display_name_trgm_idx" ON "providers_providerprofile" USING GIN ("display_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "providers_providerservice_title_trgm_idx" ON "providers_providerservice" USING GIN ("title" gin_trgm_ops);

