-- AlterEnum
ALTER TYPE "verification_request_status" ADD VALUE 'submitted' AFTER 'draft';

-- AlterTable
ALTER TABLE "verification_verificationrequest" ADD COLUMN     "queued_at" TIMESTAMPTZ(6),
ADD COLUMN     "requested_doc_types" "verification_doc_type"[];

-- AlterTable
ALTER TABLE "verification_verificationdocumentversion" ADD COLUMN     "expires_on" DATE;

-- AlterTable
ALTER TABLE "verification_verificationdocumentreview" ADD COLUMN     "reason_code" VARCHAR(50);

-- AlterTable
ALTER TABLE "verification_verifiedbadge" ADD COLUMN     "expired_at" TIMESTAMPTZ(6),
ADD COLUMN     "expiry_notice_days" INTEGER;

-- CreateTable
CREATE TABLE "verification_verificationrequirement" (
    "id" SERIAL NOT NULL,
    "badge_type" "badge_type" NOT NULL,
    "doc_type" "verification_doc_type" NOT NULL,
    "is_required" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_verificationrequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_rejectionreason" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "label_ar" VARCHAR(200) NOT NULL,
    "label_en" VARCHAR(200) NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_rejectionreason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "verification_verificationrequirement_badge_type_doc_type_key" ON "verification_verificationrequirement"("badge_type", "doc_type");

-- CreateIndex
CREATE UNIQUE INDEX "verification_rejectionreason_code_key" ON "verification_rejectionreason"("code");

-- CreateIndex
CREATE INDEX "verification_verificationrequest_status_queued_at_id_idx" ON "verification_verificationrequest"("status", "queued_at", "id");

-- CreateIndex
CREATE INDEX "verification_verificationdocumentversion_sha256_idx" ON "verification_verificationdocumentversion"("sha256");


-- Reference data the workflow needs from day one (staff edit it in the panel).
INSERT INTO "verification_verificationrequirement" ("badge_type", "doc_type", "is_required", "sort_order", "updated_at") VALUES
  ('identity', 'national_id', false, 1, now()),
  ('identity', 'iqama', false, 2, now()),
  ('business', 'commercial_registration', true, 1, now()),
  ('business', 'national_id', false, 2, now()),
  -- A licence or a freelance work document: either earns the badge (the workflow needs one of them).
  ('professional', 'professional_license', false, 1, now()),
  ('professional', 'freelance_certificate', false, 2, now()),
  ('professional', 'other', false, 3, now());

INSERT INTO "verification_rejectionreason" ("code", "label_ar", "label_en", "sort_order", "updated_at") VALUES
  ('unreadable', 'الصورة غير واضحة أو لا تُقرأ', 'The image is blurred or unreadable', 1, now()),
  ('expired', 'المستند منتهي الصلاحية', 'The document has expired', 2, now()),
  ('name_mismatch', 'الاسم لا يطابق الحساب', 'The name does not match the account', 3, now()),
  ('incomplete', 'المستند ناقص أو مقصوص', 'The document is incomplete or cropped', 4, now()),
  ('wrong_document', 'ليس المستند المطلوب', 'This is not the document asked for', 5, now()),
  ('altered', 'يبدو المستند معدّلًا', 'The document appears to have been altered', 6, now()),
  ('other', 'سبب آخر', 'Another reason', 99, now());
