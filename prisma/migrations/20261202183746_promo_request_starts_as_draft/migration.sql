-- A promotion request starts as a draft. Separate from promo_approval_workflow because a value
-- added to an enum cannot be used in the transaction that added it.
ALTER TABLE "promo_promorequest" ALTER COLUMN "status" SET DEFAULT 'draft';
