-- CreateEnum
CREATE TYPE "broadcast_status" AS ENUM ('draft', 'sending', 'completed', 'cancelled');

-- AlterEnum
ALTER TYPE "notification_channel" ADD VALUE 'whatsapp';

-- AlterTable
ALTER TABLE "notifications_notification" ADD COLUMN     "broadcast_id" INTEGER,
ADD COLUMN     "category" VARCHAR(30);

-- AlterTable: one on/off per category and channel replaces the separate switches; what users
-- had turned off is carried over (a channel off → off in every category; a topic off → every channel).
ALTER TABLE "notifications_notificationpreference" ADD COLUMN "choices" JSONB NOT NULL DEFAULT '{}';
UPDATE "notifications_notificationpreference" p SET "choices" = COALESCE((
  SELECT jsonb_object_agg(cat, chans) FROM (
    SELECT cat, jsonb_object_agg(ch, false) AS chans
    FROM unnest(ARRAY['requests', 'offers', 'messages', 'payments', 'verification', 'promotions', 'support', 'marketing']) AS cat,
         unnest(ARRAY['in_app', 'push', 'email', 'sms', 'whatsapp']) AS ch
    WHERE (ch = 'push' AND NOT p.push_enabled) OR (ch = 'email' AND NOT p.email_enabled)
       OR (ch IN ('sms', 'whatsapp') AND NOT p.sms_enabled) OR (ch = 'in_app' AND NOT p.in_app_enabled)
       OR (cat IN ('requests', 'offers') AND NOT p.request_updates) OR (cat = 'messages' AND NOT p.message_updates)
       OR (cat = 'payments' AND NOT p.payment_updates) OR (cat = 'support' AND NOT p.support_updates)
    GROUP BY cat) x), '{}'::jsonb)
  || CASE WHEN p.promotional_enabled THEN jsonb_build_object('marketing', jsonb_build_object('in_app', p.in_app_enabled, 'push', p.push_enabled, 'email', p.email_enabled, 'sms', p.sms_enabled, 'whatsapp', p.sms_enabled)) ELSE '{}'::jsonb END;
ALTER TABLE "notifications_notificationpreference" DROP COLUMN "email_enabled",
DROP COLUMN "in_app_enabled",
DROP COLUMN "message_updates",
DROP COLUMN "payment_updates",
DROP COLUMN "promotional_enabled",
DROP COLUMN "push_enabled",
DROP COLUMN "request_updates",
DROP COLUMN "sms_enabled",
DROP COLUMN "support_updates";

-- AlterTable
ALTER TABLE "notifications_notificationdelivery" ADD COLUMN     "send_after" TIMESTAMPTZ(6),
ADD COLUMN     "sending_at" TIMESTAMPTZ(6),
ADD COLUMN     "skip_reason" VARCHAR(50);

-- CreateTable
CREATE TABLE "notifications_broadcast" (
    "id" SERIAL NOT NULL,
    "title_ar" VARCHAR(255) NOT NULL,
    "title_en" VARCHAR(255) NOT NULL,
    "body_ar" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "segment" VARCHAR(40) NOT NULL,
    "city" VARCHAR(100),
    "subcategory_id" INTEGER,
    "channels" "notification_channel"[],
    "status" "broadcast_status" NOT NULL DEFAULT 'draft',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "cancelled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notifications_broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_broadcast_status_created_at_idx" ON "notifications_broadcast"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_notification_broadcast_id_user_id_key" ON "notifications_notification"("broadcast_id", "user_id");

-- AddForeignKey
ALTER TABLE "notifications_notification" ADD CONSTRAINT "notifications_notification_broadcast_id_fkey" FOREIGN KEY ("broadcast_id") REFERENCES "notifications_broadcast"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_broadcast" ADD CONSTRAINT "notifications_broadcast_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

