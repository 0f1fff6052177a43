-- Promotion approval: a draft the provider fills in before submitting, a way back from review
-- (changes asked for), the claim and decision fields reviewers need (as verification has), the
-- price worked out at submission, and each image's pixel size.

-- AlterEnum: values added in place, in the schema's order. They cannot be used before this
-- transaction commits, so the column's new default (draft) is set by the next migration.
ALTER TYPE "promo_request_status" ADD VALUE 'draft' BEFORE 'pending_payment';
ALTER TYPE "promo_request_status" ADD VALUE 'changes_requested' AFTER 'in_review';

-- AlterEnum: a paid promotion that staff reject leaves an invoice for finance to refund.
ALTER TYPE "reconciliation_item_kind" ADD VALUE 'refund_due' AFTER 'refund_failed';

-- AlterEnum: the placements the app shows. search_top is renamed search_boost; the featured
-- providers strip is gone from the app, and its requests (providers boosted everywhere, no
-- subcategory) become search_boost too. A value cannot be dropped in place, so the type is rebuilt.
CREATE TYPE "promo_placement_new" AS ENUM ('home_banner', 'category_top', 'search_boost');
ALTER TABLE "promo_promorequest" ALTER COLUMN "placement" TYPE "promo_placement_new"
  USING (CASE "placement"::text WHEN 'search_top' THEN 'search_boost' WHEN 'featured_provider' THEN 'search_boost' ELSE "placement"::text END)::"promo_placement_new";
ALTER TYPE "promo_placement" RENAME TO "promo_placement_old";
ALTER TYPE "promo_placement_new" RENAME TO "promo_placement";
DROP TYPE "promo_placement_old";

-- The daily prices setting is keyed by placement: search_boost keeps search_top's price.
UPDATE "backoffice_setting"
SET "value" = ("value" - 'search_top' - 'featured_provider')
              || jsonb_build_object('search_boost', COALESCE("value" -> 'search_boost', "value" -> 'search_top', "value" -> 'featured_provider'))
WHERE "key" = 'promo_daily_prices' AND jsonb_typeof("value") = 'object' AND ("value" ? 'search_top' OR "value" ? 'featured_provider');

-- AlterTable: the reviewer's decision is named as verification names it (data kept).
ALTER TABLE "promo_promorequest" RENAME COLUMN "reviewer_id" TO "decided_by_id";
ALTER TABLE "promo_promorequest" RENAME COLUMN "reviewed_at" TO "decided_at";
ALTER TABLE "promo_promorequest" RENAME COLUMN "reject_reason" TO "decision_reason";
ALTER TABLE "promo_promorequest" RENAME CONSTRAINT "promo_promorequest_reviewer_id_fkey" TO "promo_promorequest_decided_by_id_fkey";

-- AlterTable
ALTER TABLE "promo_promorequest" ADD COLUMN     "amount" INTEGER,
ADD COLUMN     "claimed_at" TIMESTAMPTZ(6),
ADD COLUMN     "claimed_by_id" INTEGER,
ADD COLUMN     "daily_rate" INTEGER,
ADD COLUMN     "days" INTEGER,
ADD COLUMN     "queued_at" TIMESTAMPTZ(6),
ADD COLUMN     "submitted_at" TIMESTAMPTZ(6),
ADD COLUMN     "target_subcategory_id" INTEGER;

-- AlterTable
ALTER TABLE "promo_promoasset" ADD COLUMN     "height_px" INTEGER,
ADD COLUMN     "removed_at" TIMESTAMPTZ(6),
ADD COLUMN     "sha256" CHAR(64),
ADD COLUMN     "width_px" INTEGER;

-- Requests made before drafts existed were submitted when created; those already paid keep their
-- place in the review queue by when they entered it.
UPDATE "promo_promorequest" SET "submitted_at" = "created_at";
UPDATE "promo_promorequest" r SET "queued_at" = (SELECT min(l."created_at") FROM "promo_promostatuslog" l WHERE l."request_id" = r."id" AND l."to_status" = 'in_review')
WHERE r."status" IN ('in_review', 'approved', 'live', 'ended', 'rejected');

-- CreateIndex
CREATE INDEX "promo_promorequest_target_subcategory_id_idx" ON "promo_promorequest"("target_subcategory_id");

-- CreateIndex
CREATE INDEX "promo_promorequest_claimed_by_id_status_idx" ON "promo_promorequest"("claimed_by_id", "status");

-- CreateIndex
CREATE INDEX "promo_promorequest_status_queued_at_id_idx" ON "promo_promorequest"("status", "queued_at", "id");

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_target_subcategory_id_fkey" FOREIGN KEY ("target_subcategory_id") REFERENCES "providers_subcategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;
