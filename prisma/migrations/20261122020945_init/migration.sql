-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "user_type" AS ENUM ('client', 'provider', 'staff');

-- CreateEnum
CREATE TYPE "language" AS ENUM ('ar', 'en');

-- CreateEnum
CREATE TYPE "actor_type" AS ENUM ('client', 'provider', 'staff', 'system');

-- CreateEnum
CREATE TYPE "priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "otp_purpose" AS ENUM ('login', 'change_phone');

-- CreateEnum
CREATE TYPE "wallet_transaction_kind" AS ENUM ('credit', 'debit', 'refund', 'payout', 'adjustment');

-- CreateEnum
CREATE TYPE "staff_role" AS ENUM ('admin', 'support', 'verification', 'finance', 'content', 'management');

-- CreateEnum
CREATE TYPE "app_platform" AS ENUM ('ios', 'android');

-- CreateEnum
CREATE TYPE "export_kind" AS ENUM ('users', 'service_requests', 'invoices', 'payments', 'support_tickets', 'verification_requests', 'promo_requests', 'reconciliation', 'daily_analytics');

-- CreateEnum
CREATE TYPE "export_job_status" AS ENUM ('queued', 'running', 'completed', 'failed', 'expired');

-- CreateEnum
CREATE TYPE "retention_action" AS ENUM ('delete', 'anonymize', 'archive');

-- CreateEnum
CREATE TYPE "invoice_status" AS ENUM ('draft', 'issued', 'paid', 'void', 'refunded', 'partially_refunded');

-- CreateEnum
CREATE TYPE "invoice_purpose" AS ENUM ('verification', 'promotion', 'subscription', 'extra');

-- CreateEnum
CREATE TYPE "payment_attempt_status" AS ENUM ('requires_payment', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded', 'partially_refunded', 'disputed');

-- CreateEnum
CREATE TYPE "webhook_event_status" AS ENUM ('received', 'processing', 'processed', 'failed', 'ignored');

-- CreateEnum
CREATE TYPE "promo_code_kind" AS ENUM ('percentage', 'fixed');

-- CreateEnum
CREATE TYPE "reconciliation_run_status" AS ENUM ('pending', 'running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "reconciliation_item_kind" AS ENUM ('missing_local', 'missing_remote', 'amount_mismatch', 'currency_mismatch', 'refund_not_recorded', 'disputed');

-- CreateEnum
CREATE TYPE "reconciliation_item_status" AS ENUM ('open', 'resolved');

-- CreateEnum
CREATE TYPE "withdraw_method_type" AS ENUM ('bank_transfer', 'stc_pay', 'cash');

-- CreateEnum
CREATE TYPE "payout_status" AS ENUM ('pending', 'approved', 'processing', 'paid', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "extra_purchase_status" AS ENUM ('pending_payment', 'active', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "service_request_status" AS ENUM ('new', 'has_offers', 'offer_accepted', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "offer_status" AS ENUM ('pending', 'accepted', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "dispute_status" AS ENUM ('open', 'under_review', 'resolved', 'dismissed');

-- CreateEnum
CREATE TYPE "dispute_kind" AS ENUM ('quality', 'no_show', 'payment', 'behaviour', 'other');

-- CreateEnum
CREATE TYPE "notification_channel" AS ENUM ('push', 'email', 'sms', 'in_app');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('queued', 'sent', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "device_platform" AS ENUM ('ios', 'android', 'web');

-- CreateEnum
CREATE TYPE "promo_request_status" AS ENUM ('pending_payment', 'in_review', 'approved', 'live', 'ended', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "promo_placement" AS ENUM ('home_banner', 'search_top', 'category_top', 'featured_provider');

-- CreateEnum
CREATE TYPE "promo_asset_kind" AS ENUM ('image', 'video', 'text');

-- CreateEnum
CREATE TYPE "price_unit" AS ENUM ('fixed', 'hourly', 'daily', 'per_visit', 'per_sqm');

-- CreateEnum
CREATE TYPE "billing_cycle" AS ENUM ('monthly', 'quarterly', 'half_yearly', 'yearly');

-- CreateEnum
CREATE TYPE "subscription_status" AS ENUM ('pending_payment', 'active', 'past_due', 'cancelled', 'expired');

-- CreateEnum
CREATE TYPE "support_ticket_type" AS ENUM ('complaint', 'inquiry', 'suggestion', 'dispute', 'report_content', 'report_user');

-- CreateEnum
CREATE TYPE "support_ticket_status" AS ENUM ('new', 'triaged', 'in_progress', 'waiting_on_customer', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "comment_visibility" AS ENUM ('public_reply', 'internal_note');

-- CreateEnum
CREATE TYPE "verification_request_status" AS ENUM ('draft', 'pending_payment', 'in_review', 'changes_requested', 'approved', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "document_review_status" AS ENUM ('pending', 'approved', 'rejected', 'needs_review');

-- CreateEnum
CREATE TYPE "badge_type" AS ENUM ('identity', 'business', 'professional');

-- CreateEnum
CREATE TYPE "verification_doc_type" AS ENUM ('national_id', 'iqama', 'commercial_registration', 'professional_license', 'freelance_certificate', 'other');

-- CreateTable
CREATE TABLE "accounts_user" (
    "id" SERIAL NOT NULL,
    "phone" VARCHAR(20),
    "email" VARCHAR(254),
    "full_name" VARCHAR(150) NOT NULL,
    "password_hash" VARCHAR(255),
    "user_type" "user_type" NOT NULL DEFAULT 'client',
    "language" "language" NOT NULL DEFAULT 'ar',
    "city" VARCHAR(100),
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "accounts_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts_otp" (
    "id" SERIAL NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "code_hash" VARCHAR(255) NOT NULL,
    "purpose" "otp_purpose" NOT NULL DEFAULT 'login',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "consumed_at" TIMESTAMPTZ(6),
    "ip" VARCHAR(45),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_otp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts_wallet" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "accounts_wallet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts_wallettransaction" (
    "id" SERIAL NOT NULL,
    "wallet_id" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "kind" "wallet_transaction_kind" NOT NULL,
    "reference" VARCHAR(100),
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_wallettransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts_apitoken" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "device_name" VARCHAR(150),
    "last_used_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_apitoken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_idempotencykey" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "path" VARCHAR(500) NOT NULL,
    "request_hash" VARCHAR(128) NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_idempotencykey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_useraccessprofile" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "role" "staff_role" NOT NULL,
    "permissions" JSONB,
    "language" "language" NOT NULL DEFAULT 'ar',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_useraccessprofile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_dashboard" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "title_ar" VARCHAR(200) NOT NULL,
    "title_en" VARCHAR(200) NOT NULL,
    "role" "staff_role",
    "config" JSONB NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_dashboard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_auditlog" (
    "id" SERIAL NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" INTEGER,
    "actor_label" VARCHAR(200),
    "action" VARCHAR(100) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "entity_id" VARCHAR(64) NOT NULL,
    "changes" JSONB,
    "ip" VARCHAR(45),
    "request_id" VARCHAR(100),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backoffice_auditlog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_setting" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "value" JSONB NOT NULL,
    "description" TEXT,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "updated_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_setting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_appversion" (
    "id" SERIAL NOT NULL,
    "platform" "app_platform" NOT NULL,
    "version" VARCHAR(20) NOT NULL,
    "build_number" INTEGER NOT NULL,
    "min_supported_version" VARCHAR(20) NOT NULL,
    "is_forced_update" BOOLEAN NOT NULL DEFAULT false,
    "release_notes_ar" TEXT,
    "release_notes_en" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "released_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_appversion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_exportjob" (
    "id" SERIAL NOT NULL,
    "requested_by_id" INTEGER NOT NULL,
    "kind" "export_kind" NOT NULL,
    "params" JSONB,
    "status" "export_job_status" NOT NULL DEFAULT 'queued',
    "file_name" VARCHAR(255),
    "storage_key" VARCHAR(500),
    "row_count" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "backoffice_exportjob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_dailyanalytics" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "new_users" INTEGER NOT NULL DEFAULT 0,
    "new_clients" INTEGER NOT NULL DEFAULT 0,
    "new_providers" INTEGER NOT NULL DEFAULT 0,
    "active_users" INTEGER NOT NULL DEFAULT 0,
    "new_requests" INTEGER NOT NULL DEFAULT 0,
    "completed_requests" INTEGER NOT NULL DEFAULT 0,
    "cancelled_requests" INTEGER NOT NULL DEFAULT 0,
    "new_offers" INTEGER NOT NULL DEFAULT 0,
    "accepted_offers" INTEGER NOT NULL DEFAULT 0,
    "new_tickets" INTEGER NOT NULL DEFAULT 0,
    "resolved_tickets" INTEGER NOT NULL DEFAULT 0,
    "verifications_approved" INTEGER NOT NULL DEFAULT 0,
    "promos_live" INTEGER NOT NULL DEFAULT 0,
    "invoices_issued" INTEGER NOT NULL DEFAULT 0,
    "invoices_paid" INTEGER NOT NULL DEFAULT 0,
    "revenue" INTEGER NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "computed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backoffice_dailyanalytics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backoffice_dataretentionrule" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "retention_days" INTEGER NOT NULL,
    "action" "retention_action" NOT NULL,
    "description" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_run_at" TIMESTAMPTZ(6),
    "last_affected_count" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "backoffice_dataretentionrule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSONB NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);

-- CreateTable
CREATE TABLE "billing_invoice" (
    "id" SERIAL NOT NULL,
    "number" VARCHAR(30) NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" "invoice_status" NOT NULL DEFAULT 'draft',
    "purpose" "invoice_purpose" NOT NULL,
    "subtotal" INTEGER NOT NULL DEFAULT 0,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "vat_rate_bp" INTEGER NOT NULL DEFAULT 1500,
    "vat" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "amount_paid" INTEGER NOT NULL DEFAULT 0,
    "amount_refunded" INTEGER NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "due_at" TIMESTAMPTZ(6),
    "issued_at" TIMESTAMPTZ(6),
    "paid_at" TIMESTAMPTZ(6),
    "voided_at" TIMESTAMPTZ(6),
    "void_reason" TEXT,
    "promo_code_id" INTEGER,
    "paid_manually_by_id" INTEGER,
    "manual_payment_reference" VARCHAR(255),
    "manual_payment_reason" TEXT,
    "reminder_count" INTEGER NOT NULL DEFAULT 0,
    "last_reminder_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_invoiceline" (
    "id" SERIAL NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "description_ar" VARCHAR(500) NOT NULL,
    "description_en" VARCHAR(500) NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "unit_amount" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_invoiceline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_invoicenumbersequence" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_invoicenumbersequence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_paymentattempt" (
    "id" SERIAL NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "provider" VARCHAR(30) NOT NULL DEFAULT 'stripe',
    "provider_payment_id" VARCHAR(255),
    "idempotency_key" VARCHAR(255) NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "status" "payment_attempt_status" NOT NULL DEFAULT 'requires_payment',
    "failure_reason" TEXT,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "raw" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_paymentattempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_webhookevent" (
    "id" SERIAL NOT NULL,
    "provider" VARCHAR(30) NOT NULL DEFAULT 'stripe',
    "event_id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "webhook_event_status" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(6),

    CONSTRAINT "billing_webhookevent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_promocode" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "description" TEXT,
    "kind" "promo_code_kind" NOT NULL,
    "percent_off" INTEGER,
    "amount_off" INTEGER,
    "max_discount" INTEGER,
    "min_amount" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "valid_from" TIMESTAMPTZ(6),
    "valid_until" TIMESTAMPTZ(6),
    "max_uses" INTEGER,
    "max_uses_per_user" INTEGER,
    "used_count" INTEGER NOT NULL DEFAULT 0,
    "applies_to" "invoice_purpose"[] DEFAULT ARRAY[]::"invoice_purpose"[],
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_promocode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_promocoderedemption" (
    "id" SERIAL NOT NULL,
    "promo_code_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_promocoderedemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_paymentlink" (
    "id" SERIAL NOT NULL,
    "token" VARCHAR(128) NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "stripe_checkout_session_id" VARCHAR(255),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_paymentlink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_reconciliationrun" (
    "id" SERIAL NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "status" "reconciliation_run_status" NOT NULL DEFAULT 'pending',
    "started_by_id" INTEGER,
    "totals" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_reconciliationrun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_reconciliationitem" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "kind" "reconciliation_item_kind" NOT NULL,
    "status" "reconciliation_item_status" NOT NULL DEFAULT 'open',
    "invoice_id" INTEGER,
    "payment_attempt_id" INTEGER,
    "remote_id" VARCHAR(255),
    "local_amount" INTEGER,
    "remote_amount" INTEGER,
    "currency" CHAR(3),
    "details" JSONB,
    "resolved_by_id" INTEGER,
    "resolved_at" TIMESTAMPTZ(6),
    "resolution_note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_reconciliationitem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_withdrawmethod" (
    "id" SERIAL NOT NULL,
    "type" "withdraw_method_type" NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "min_amount" INTEGER NOT NULL,
    "max_amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "is_enabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_withdrawmethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_payout" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "method_id" INTEGER NOT NULL,
    "receiver" VARCHAR(255) NOT NULL,
    "bank_name" VARCHAR(100),
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "status" "payout_status" NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "reject_reason" TEXT,
    "receipt_key" VARCHAR(500),
    "addressed_by_id" INTEGER,
    "addressed_at" TIMESTAMPTZ(6),
    "paid_at" TIMESTAMPTZ(6),
    "wallet_transaction_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extras_extra" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "description_ar" TEXT,
    "description_en" TEXT,
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "duration_days" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "extras_extra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extras_extrapurchase" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "extra_id" INTEGER NOT NULL,
    "status" "extra_purchase_status" NOT NULL DEFAULT 'pending_payment',
    "invoice_id" INTEGER,
    "activated_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "cancelled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "extras_extrapurchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace_servicerequest" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "subcategory_id" INTEGER NOT NULL,
    "client_id" INTEGER NOT NULL,
    "provider_id" INTEGER,
    "accepted_offer_id" INTEGER,
    "status" "service_request_status" NOT NULL DEFAULT 'new',
    "priority" "priority" NOT NULL DEFAULT 'normal',
    "city" VARCHAR(100) NOT NULL,
    "address" VARCHAR(500),
    "budget_min" INTEGER,
    "budget_max" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "preferred_date" TIMESTAMPTZ(6),
    "cancel_reason" TEXT,
    "cancelled_at" TIMESTAMPTZ(6),
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "marketplace_servicerequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace_offer" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "message" TEXT NOT NULL,
    "estimated_days" INTEGER,
    "status" "offer_status" NOT NULL DEFAULT 'pending',
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "marketplace_offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace_requeststatuslog" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "from_status" "service_request_status",
    "to_status" "service_request_status" NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketplace_requeststatuslog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace_servicerequestattachment" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "uploaded_by_id" INTEGER,
    "file_name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(100) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "storage_key" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketplace_servicerequestattachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace_dispute" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "opened_by_id" INTEGER NOT NULL,
    "ticket_id" INTEGER,
    "kind" "dispute_kind" NOT NULL DEFAULT 'other',
    "status" "dispute_status" NOT NULL DEFAULT 'open',
    "description" TEXT NOT NULL,
    "evidence" JSONB,
    "admin_notes" TEXT,
    "resolution" TEXT,
    "resolved_by_id" INTEGER,
    "resolved_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "marketplace_dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_thread" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "client_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "last_message_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "messaging_thread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_message" (
    "id" SERIAL NOT NULL,
    "thread_id" INTEGER NOT NULL,
    "sender_id" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "attachment_key" VARCHAR(500),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_messageread" (
    "id" SERIAL NOT NULL,
    "message_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "read_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_messageread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_eventlog" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "entity" VARCHAR(100),
    "entity_id" VARCHAR(64),
    "payload" JSONB NOT NULL,
    "actor_type" "actor_type",
    "actor_id" INTEGER,
    "dispatched_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_eventlog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_notification" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "event_id" INTEGER,
    "template_key" VARCHAR(100),
    "title_ar" VARCHAR(255) NOT NULL,
    "title_en" VARCHAR(255) NOT NULL,
    "body_ar" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "data" JSONB,
    "read_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_devicetoken" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token" VARCHAR(512) NOT NULL,
    "platform" "device_platform" NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notifications_devicetoken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_notificationtemplate" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "channel" "notification_channel" NOT NULL,
    "subject_ar" VARCHAR(255),
    "subject_en" VARCHAR(255),
    "body_ar" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "variables" JSONB,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notifications_notificationtemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_notificationpreference" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "push_enabled" BOOLEAN NOT NULL DEFAULT true,
    "email_enabled" BOOLEAN NOT NULL DEFAULT true,
    "sms_enabled" BOOLEAN NOT NULL DEFAULT true,
    "in_app_enabled" BOOLEAN NOT NULL DEFAULT true,
    "request_updates" BOOLEAN NOT NULL DEFAULT true,
    "message_updates" BOOLEAN NOT NULL DEFAULT true,
    "payment_updates" BOOLEAN NOT NULL DEFAULT true,
    "support_updates" BOOLEAN NOT NULL DEFAULT true,
    "promotional_enabled" BOOLEAN NOT NULL DEFAULT false,
    "quiet_hours_start" VARCHAR(5),
    "quiet_hours_end" VARCHAR(5),
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'Asia/Riyadh',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notifications_notificationpreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications_notificationdelivery" (
    "id" SERIAL NOT NULL,
    "notification_id" INTEGER NOT NULL,
    "channel" "notification_channel" NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'queued',
    "recipient" VARCHAR(512),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "provider_message_id" VARCHAR(255),
    "sent_at" TIMESTAMPTZ(6),
    "failed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notifications_notificationdelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promo_promorequest" (
    "id" SERIAL NOT NULL,
    "requester_id" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "placement" "promo_placement" NOT NULL,
    "target_city" VARCHAR(100),
    "target_category_id" INTEGER,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "promo_request_status" NOT NULL DEFAULT 'pending_payment',
    "invoice_id" INTEGER,
    "reviewer_id" INTEGER,
    "reviewed_at" TIMESTAMPTZ(6),
    "reject_reason" TEXT,
    "went_live_at" TIMESTAMPTZ(6),
    "ended_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "promo_promorequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promo_promoasset" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "kind" "promo_asset_kind" NOT NULL,
    "file_name" VARCHAR(255),
    "mime_type" VARCHAR(100),
    "size_bytes" INTEGER,
    "storage_key" VARCHAR(500),
    "text_content" TEXT,
    "status" "document_review_status" NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "promo_promoasset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promo_promostatuslog" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "from_status" "promo_request_status",
    "to_status" "promo_request_status" NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promo_promostatuslog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_category" (
    "id" SERIAL NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "icon" VARCHAR(255),
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "providers_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_subcategory" (
    "id" SERIAL NOT NULL,
    "category_id" INTEGER NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "icon" VARCHAR(255),
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "providers_subcategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerprofile" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "display_name" VARCHAR(150) NOT NULL,
    "bio" TEXT,
    "city" VARCHAR(100) NOT NULL,
    "years_experience" INTEGER,
    "is_verified" BOOLEAN NOT NULL DEFAULT false,
    "rating_avg" INTEGER NOT NULL DEFAULT 0,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "followers_count" INTEGER NOT NULL DEFAULT 0,
    "likes_count" INTEGER NOT NULL DEFAULT 0,
    "accepts_urgent" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "providers_providerprofile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providercategory" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "subcategory_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "providers_providercategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerservice" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "subcategory_id" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "price_from" INTEGER,
    "price_to" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "price_unit" "price_unit",
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "providers_providerservice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerportfolioitem" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "image_key" VARCHAR(500) NOT NULL,
    "mime_type" VARCHAR(100) NOT NULL,
    "likes_count" INTEGER NOT NULL DEFAULT 0,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "providers_providerportfolioitem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerfollow" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "providers_providerfollow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerlike" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "providers_providerlike_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers_providerportfoliolike" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "providers_providerportfoliolike_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews_review" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "client_id" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "provider_reply" TEXT,
    "provider_replied_at" TIMESTAMPTZ(6),
    "is_hidden" BOOLEAN NOT NULL DEFAULT false,
    "hidden_reason" TEXT,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "reviews_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions_subscriptionplan" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "description_ar" TEXT,
    "description_en" TEXT,
    "price_monthly" INTEGER,
    "price_quarterly" INTEGER,
    "price_half_yearly" INTEGER,
    "price_yearly" INTEGER,
    "currency" CHAR(3) NOT NULL DEFAULT 'SAR',
    "features" JSONB,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "subscriptions_subscriptionplan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions_subscription" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "cycle" "billing_cycle" NOT NULL,
    "status" "subscription_status" NOT NULL DEFAULT 'pending_payment',
    "current_period_start" TIMESTAMPTZ(6),
    "current_period_end" TIMESTAMPTZ(6),
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "cancelled_at" TIMESTAMPTZ(6),
    "invoice_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "subscriptions_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportteam" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "name_ar" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_supportteam_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportteammember" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_assigned_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_supportteammember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportticket" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "requester_id" INTEGER NOT NULL,
    "type" "support_ticket_type" NOT NULL,
    "status" "support_ticket_status" NOT NULL DEFAULT 'new',
    "priority" "priority" NOT NULL DEFAULT 'normal',
    "subject" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "assigned_team_id" INTEGER,
    "assigned_to_id" INTEGER,
    "related_request_id" INTEGER,
    "reported_user_id" INTEGER,
    "reported_entity" VARCHAR(100),
    "reported_entity_id" VARCHAR(64),
    "first_response_due_at" TIMESTAMPTZ(6),
    "resolution_due_at" TIMESTAMPTZ(6),
    "first_responded_at" TIMESTAMPTZ(6),
    "resolved_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "escalated_at" TIMESTAMPTZ(6),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_supportticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportcomment" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "visibility" "comment_visibility" NOT NULL DEFAULT 'public_reply',
    "body" TEXT NOT NULL,
    "is_draft" BOOLEAN NOT NULL DEFAULT false,
    "published_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "support_supportcomment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportattachment" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "comment_id" INTEGER,
    "file_name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(100) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "storage_key" VARCHAR(500) NOT NULL,
    "uploaded_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_supportattachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_supportstatuslog" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "from_status" "support_ticket_status",
    "to_status" "support_ticket_status" NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_supportstatuslog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verificationrequest" (
    "id" SERIAL NOT NULL,
    "requester_id" INTEGER NOT NULL,
    "badge_type" "badge_type" NOT NULL,
    "status" "verification_request_status" NOT NULL DEFAULT 'draft',
    "note" TEXT,
    "submitted_at" TIMESTAMPTZ(6),
    "claimed_by_id" INTEGER,
    "claimed_at" TIMESTAMPTZ(6),
    "decided_by_id" INTEGER,
    "decision_reason" TEXT,
    "decided_at" TIMESTAMPTZ(6),
    "invoice_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_verificationrequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verificationdocument" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "doc_type" "verification_doc_type" NOT NULL,
    "status" "document_review_status" NOT NULL DEFAULT 'pending',
    "current_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_verificationdocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verificationdocumentversion" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(100) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "storage_key" VARCHAR(500) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "uploaded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_verificationdocumentversion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verificationdocumentreview" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "reviewer_id" INTEGER NOT NULL,
    "decision" "document_review_status" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_verificationdocumentreview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verifiedbadge" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "request_id" INTEGER NOT NULL,
    "badge_type" "badge_type" NOT NULL,
    "issued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "revoke_reason" TEXT,
    "expiry_notified_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_verifiedbadge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_verificationstatuslog" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "from_status" "verification_request_status",
    "to_status" "verification_request_status" NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_verificationstatuslog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_phone_key" ON "accounts_user"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_email_key" ON "accounts_user"("email");

-- CreateIndex
CREATE INDEX "accounts_user_user_type_created_at_idx" ON "accounts_user"("user_type", "created_at");

-- CreateIndex
CREATE INDEX "accounts_user_deleted_at_idx" ON "accounts_user"("deleted_at");

-- CreateIndex
CREATE INDEX "accounts_otp_phone_created_at_idx" ON "accounts_otp"("phone", "created_at");

-- CreateIndex
CREATE INDEX "accounts_otp_expires_at_idx" ON "accounts_otp"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_wallet_user_id_key" ON "accounts_wallet"("user_id");

-- CreateIndex
CREATE INDEX "accounts_wallettransaction_wallet_id_created_at_idx" ON "accounts_wallettransaction"("wallet_id", "created_at");

-- CreateIndex
CREATE INDEX "accounts_wallettransaction_reference_idx" ON "accounts_wallettransaction"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_apitoken_token_hash_key" ON "accounts_apitoken"("token_hash");

-- CreateIndex
CREATE INDEX "accounts_apitoken_user_id_idx" ON "accounts_apitoken"("user_id");

-- CreateIndex
CREATE INDEX "api_idempotencykey_created_at_idx" ON "api_idempotencykey"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_idempotencykey_user_id_key_key" ON "api_idempotencykey"("user_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_useraccessprofile_user_id_key" ON "backoffice_useraccessprofile"("user_id");

-- CreateIndex
CREATE INDEX "backoffice_useraccessprofile_role_idx" ON "backoffice_useraccessprofile"("role");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_dashboard_key_key" ON "backoffice_dashboard"("key");

-- CreateIndex
CREATE INDEX "backoffice_auditlog_entity_entity_id_idx" ON "backoffice_auditlog"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "backoffice_auditlog_actor_id_idx" ON "backoffice_auditlog"("actor_id");

-- CreateIndex
CREATE INDEX "backoffice_auditlog_created_at_idx" ON "backoffice_auditlog"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_setting_key_key" ON "backoffice_setting"("key");

-- CreateIndex
CREATE INDEX "backoffice_appversion_platform_is_active_released_at_idx" ON "backoffice_appversion"("platform", "is_active", "released_at");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_appversion_platform_version_key" ON "backoffice_appversion"("platform", "version");

-- CreateIndex
CREATE INDEX "backoffice_exportjob_requested_by_id_created_at_idx" ON "backoffice_exportjob"("requested_by_id", "created_at");

-- CreateIndex
CREATE INDEX "backoffice_exportjob_status_created_at_idx" ON "backoffice_exportjob"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_dailyanalytics_date_key" ON "backoffice_dailyanalytics"("date");

-- CreateIndex
CREATE UNIQUE INDEX "backoffice_dataretentionrule_key_key" ON "backoffice_dataretentionrule"("key");

-- CreateIndex
CREATE INDEX "IDX_session_expire" ON "session"("expire");

-- CreateIndex
CREATE UNIQUE INDEX "billing_invoice_number_key" ON "billing_invoice"("number");

-- CreateIndex
CREATE INDEX "billing_invoice_status_created_at_idx" ON "billing_invoice"("status", "created_at");

-- CreateIndex
CREATE INDEX "billing_invoice_user_id_idx" ON "billing_invoice"("user_id");

-- CreateIndex
CREATE INDEX "billing_invoice_purpose_status_idx" ON "billing_invoice"("purpose", "status");

-- CreateIndex
CREATE INDEX "billing_invoice_promo_code_id_idx" ON "billing_invoice"("promo_code_id");

-- CreateIndex
CREATE INDEX "billing_invoiceline_invoice_id_idx" ON "billing_invoiceline"("invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_invoicenumbersequence_year_key" ON "billing_invoicenumbersequence"("year");

-- CreateIndex
CREATE UNIQUE INDEX "billing_paymentattempt_provider_payment_id_key" ON "billing_paymentattempt"("provider_payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_paymentattempt_idempotency_key_key" ON "billing_paymentattempt"("idempotency_key");

-- CreateIndex
CREATE INDEX "billing_paymentattempt_invoice_id_idx" ON "billing_paymentattempt"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_paymentattempt_status_created_at_idx" ON "billing_paymentattempt"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "billing_webhookevent_event_id_key" ON "billing_webhookevent"("event_id");

-- CreateIndex
CREATE INDEX "billing_webhookevent_type_status_idx" ON "billing_webhookevent"("type", "status");

-- CreateIndex
CREATE INDEX "billing_webhookevent_status_received_at_idx" ON "billing_webhookevent"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "billing_promocode_code_key" ON "billing_promocode"("code");

-- CreateIndex
CREATE INDEX "billing_promocode_is_active_valid_from_valid_until_idx" ON "billing_promocode"("is_active", "valid_from", "valid_until");

-- CreateIndex
CREATE UNIQUE INDEX "billing_promocoderedemption_invoice_id_key" ON "billing_promocoderedemption"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_promocoderedemption_promo_code_id_idx" ON "billing_promocoderedemption"("promo_code_id");

-- CreateIndex
CREATE INDEX "billing_promocoderedemption_user_id_promo_code_id_idx" ON "billing_promocoderedemption"("user_id", "promo_code_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_paymentlink_token_key" ON "billing_paymentlink"("token");

-- CreateIndex
CREATE UNIQUE INDEX "billing_paymentlink_stripe_checkout_session_id_key" ON "billing_paymentlink"("stripe_checkout_session_id");

-- CreateIndex
CREATE INDEX "billing_paymentlink_invoice_id_idx" ON "billing_paymentlink"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_reconciliationrun_status_created_at_idx" ON "billing_reconciliationrun"("status", "created_at");

-- CreateIndex
CREATE INDEX "billing_reconciliationitem_run_id_status_idx" ON "billing_reconciliationitem"("run_id", "status");

-- CreateIndex
CREATE INDEX "billing_reconciliationitem_status_created_at_idx" ON "billing_reconciliationitem"("status", "created_at");

-- CreateIndex
CREATE INDEX "billing_reconciliationitem_invoice_id_idx" ON "billing_reconciliationitem"("invoice_id");

-- CreateIndex
CREATE INDEX "billing_reconciliationitem_payment_attempt_id_idx" ON "billing_reconciliationitem"("payment_attempt_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_withdrawmethod_type_key" ON "billing_withdrawmethod"("type");

-- CreateIndex
CREATE UNIQUE INDEX "billing_payout_wallet_transaction_id_key" ON "billing_payout"("wallet_transaction_id");

-- CreateIndex
CREATE INDEX "billing_payout_status_created_at_idx" ON "billing_payout"("status", "created_at");

-- CreateIndex
CREATE INDEX "billing_payout_user_id_idx" ON "billing_payout"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "extras_extra_code_key" ON "extras_extra"("code");

-- CreateIndex
CREATE UNIQUE INDEX "extras_extrapurchase_invoice_id_key" ON "extras_extrapurchase"("invoice_id");

-- CreateIndex
CREATE INDEX "extras_extrapurchase_user_id_status_idx" ON "extras_extrapurchase"("user_id", "status");

-- CreateIndex
CREATE INDEX "extras_extrapurchase_extra_id_idx" ON "extras_extrapurchase"("extra_id");

-- CreateIndex
CREATE INDEX "extras_extrapurchase_status_expires_at_idx" ON "extras_extrapurchase"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "marketplace_servicerequest_accepted_offer_id_key" ON "marketplace_servicerequest"("accepted_offer_id");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_status_created_at_idx" ON "marketplace_servicerequest"("status", "created_at");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_client_id_idx" ON "marketplace_servicerequest"("client_id");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_provider_id_idx" ON "marketplace_servicerequest"("provider_id");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_subcategory_id_city_status_idx" ON "marketplace_servicerequest"("subcategory_id", "city", "status");

-- CreateIndex
CREATE INDEX "marketplace_servicerequest_deleted_at_idx" ON "marketplace_servicerequest"("deleted_at");

-- CreateIndex
CREATE INDEX "marketplace_offer_provider_id_status_idx" ON "marketplace_offer"("provider_id", "status");

-- CreateIndex
CREATE INDEX "marketplace_offer_status_created_at_idx" ON "marketplace_offer"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "marketplace_offer_request_id_provider_id_key" ON "marketplace_offer"("request_id", "provider_id");

-- CreateIndex
CREATE INDEX "marketplace_requeststatuslog_request_id_created_at_idx" ON "marketplace_requeststatuslog"("request_id", "created_at");

-- CreateIndex
CREATE INDEX "marketplace_requeststatuslog_actor_id_idx" ON "marketplace_requeststatuslog"("actor_id");

-- CreateIndex
CREATE INDEX "marketplace_servicerequestattachment_request_id_idx" ON "marketplace_servicerequestattachment"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "marketplace_dispute_ticket_id_key" ON "marketplace_dispute"("ticket_id");

-- CreateIndex
CREATE INDEX "marketplace_dispute_status_created_at_idx" ON "marketplace_dispute"("status", "created_at");

-- CreateIndex
CREATE INDEX "marketplace_dispute_request_id_idx" ON "marketplace_dispute"("request_id");

-- CreateIndex
CREATE INDEX "marketplace_dispute_opened_by_id_idx" ON "marketplace_dispute"("opened_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "messaging_thread_request_id_key" ON "messaging_thread"("request_id");

-- CreateIndex
CREATE INDEX "messaging_thread_client_id_last_message_at_idx" ON "messaging_thread"("client_id", "last_message_at");

-- CreateIndex
CREATE INDEX "messaging_thread_provider_id_last_message_at_idx" ON "messaging_thread"("provider_id", "last_message_at");

-- CreateIndex
CREATE INDEX "messaging_message_thread_id_id_idx" ON "messaging_message"("thread_id", "id");

-- CreateIndex
CREATE INDEX "messaging_message_sender_id_idx" ON "messaging_message"("sender_id");

-- CreateIndex
CREATE INDEX "messaging_messageread_user_id_idx" ON "messaging_messageread"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "messaging_messageread_message_id_user_id_key" ON "messaging_messageread"("message_id", "user_id");

-- CreateIndex
CREATE INDEX "notifications_eventlog_name_created_at_idx" ON "notifications_eventlog"("name", "created_at");

-- CreateIndex
CREATE INDEX "notifications_eventlog_entity_entity_id_idx" ON "notifications_eventlog"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "notifications_eventlog_dispatched_at_idx" ON "notifications_eventlog"("dispatched_at");

-- CreateIndex
CREATE INDEX "notifications_notification_user_id_created_at_idx" ON "notifications_notification"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_notification_user_id_read_at_idx" ON "notifications_notification"("user_id", "read_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_notification_event_id_user_id_key" ON "notifications_notification"("event_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_devicetoken_token_key" ON "notifications_devicetoken"("token");

-- CreateIndex
CREATE INDEX "notifications_devicetoken_user_id_idx" ON "notifications_devicetoken"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_notificationtemplate_key_channel_key" ON "notifications_notificationtemplate"("key", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_notificationpreference_user_id_key" ON "notifications_notificationpreference"("user_id");

-- CreateIndex
CREATE INDEX "notifications_notificationdelivery_status_created_at_idx" ON "notifications_notificationdelivery"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_notificationdelivery_notification_id_channel_key" ON "notifications_notificationdelivery"("notification_id", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "promo_promorequest_invoice_id_key" ON "promo_promorequest"("invoice_id");

-- CreateIndex
CREATE INDEX "promo_promorequest_status_created_at_idx" ON "promo_promorequest"("status", "created_at");

-- CreateIndex
CREATE INDEX "promo_promorequest_status_starts_at_idx" ON "promo_promorequest"("status", "starts_at");

-- CreateIndex
CREATE INDEX "promo_promorequest_status_ends_at_idx" ON "promo_promorequest"("status", "ends_at");

-- CreateIndex
CREATE INDEX "promo_promorequest_placement_status_idx" ON "promo_promorequest"("placement", "status");

-- CreateIndex
CREATE INDEX "promo_promorequest_requester_id_idx" ON "promo_promorequest"("requester_id");

-- CreateIndex
CREATE INDEX "promo_promorequest_target_category_id_idx" ON "promo_promorequest"("target_category_id");

-- CreateIndex
CREATE INDEX "promo_promoasset_request_id_idx" ON "promo_promoasset"("request_id");

-- CreateIndex
CREATE INDEX "promo_promostatuslog_request_id_created_at_idx" ON "promo_promostatuslog"("request_id", "created_at");

-- CreateIndex
CREATE INDEX "promo_promostatuslog_actor_id_idx" ON "promo_promostatuslog"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "providers_category_slug_key" ON "providers_category"("slug");

-- CreateIndex
CREATE INDEX "providers_category_is_active_sort_order_idx" ON "providers_category"("is_active", "sort_order");

-- CreateIndex
CREATE INDEX "providers_category_deleted_at_idx" ON "providers_category"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "providers_subcategory_slug_key" ON "providers_subcategory"("slug");

-- CreateIndex
CREATE INDEX "providers_subcategory_category_id_sort_order_idx" ON "providers_subcategory"("category_id", "sort_order");

-- CreateIndex
CREATE INDEX "providers_subcategory_deleted_at_idx" ON "providers_subcategory"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "providers_providerprofile_user_id_key" ON "providers_providerprofile"("user_id");

-- CreateIndex
CREATE INDEX "providers_providerprofile_city_idx" ON "providers_providerprofile"("city");

-- CreateIndex
CREATE INDEX "providers_providerprofile_rating_avg_idx" ON "providers_providerprofile"("rating_avg");

-- CreateIndex
CREATE INDEX "providers_providerprofile_is_verified_idx" ON "providers_providerprofile"("is_verified");

-- CreateIndex
CREATE INDEX "providers_providerprofile_deleted_at_idx" ON "providers_providerprofile"("deleted_at");

-- CreateIndex
CREATE INDEX "providers_providercategory_subcategory_id_idx" ON "providers_providercategory"("subcategory_id");

-- CreateIndex
CREATE UNIQUE INDEX "providers_providercategory_provider_id_subcategory_id_key" ON "providers_providercategory"("provider_id", "subcategory_id");

-- CreateIndex
CREATE INDEX "providers_providerservice_provider_id_idx" ON "providers_providerservice"("provider_id");

-- CreateIndex
CREATE INDEX "providers_providerservice_subcategory_id_is_active_idx" ON "providers_providerservice"("subcategory_id", "is_active");

-- CreateIndex
CREATE INDEX "providers_providerservice_deleted_at_idx" ON "providers_providerservice"("deleted_at");

-- CreateIndex
CREATE INDEX "providers_providerportfolioitem_provider_id_created_at_idx" ON "providers_providerportfolioitem"("provider_id", "created_at");

-- CreateIndex
CREATE INDEX "providers_providerportfolioitem_deleted_at_idx" ON "providers_providerportfolioitem"("deleted_at");

-- CreateIndex
CREATE INDEX "providers_providerfollow_provider_id_idx" ON "providers_providerfollow"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "providers_providerfollow_user_id_provider_id_key" ON "providers_providerfollow"("user_id", "provider_id");

-- CreateIndex
CREATE INDEX "providers_providerlike_provider_id_idx" ON "providers_providerlike"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "providers_providerlike_user_id_provider_id_key" ON "providers_providerlike"("user_id", "provider_id");

-- CreateIndex
CREATE INDEX "providers_providerportfoliolike_item_id_idx" ON "providers_providerportfoliolike"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "providers_providerportfoliolike_user_id_item_id_key" ON "providers_providerportfoliolike"("user_id", "item_id");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_review_request_id_key" ON "reviews_review"("request_id");

-- CreateIndex
CREATE INDEX "reviews_review_provider_id_created_at_idx" ON "reviews_review"("provider_id", "created_at");

-- CreateIndex
CREATE INDEX "reviews_review_client_id_idx" ON "reviews_review"("client_id");

-- CreateIndex
CREATE INDEX "reviews_review_deleted_at_idx" ON "reviews_review"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_subscriptionplan_code_key" ON "subscriptions_subscriptionplan"("code");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_subscription_invoice_id_key" ON "subscriptions_subscription"("invoice_id");

-- CreateIndex
CREATE INDEX "subscriptions_subscription_user_id_status_idx" ON "subscriptions_subscription"("user_id", "status");

-- CreateIndex
CREATE INDEX "subscriptions_subscription_plan_id_idx" ON "subscriptions_subscription"("plan_id");

-- CreateIndex
CREATE INDEX "subscriptions_subscription_status_current_period_end_idx" ON "subscriptions_subscription"("status", "current_period_end");

-- CreateIndex
CREATE UNIQUE INDEX "support_supportteam_code_key" ON "support_supportteam"("code");

-- CreateIndex
CREATE INDEX "support_supportteammember_user_id_idx" ON "support_supportteammember"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "support_supportteammember_team_id_user_id_key" ON "support_supportteammember"("team_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "support_supportticket_code_key" ON "support_supportticket"("code");

-- CreateIndex
CREATE INDEX "support_supportticket_status_priority_idx" ON "support_supportticket"("status", "priority");

-- CreateIndex
CREATE INDEX "support_supportticket_status_created_at_idx" ON "support_supportticket"("status", "created_at");

-- CreateIndex
CREATE INDEX "support_supportticket_assigned_team_id_status_idx" ON "support_supportticket"("assigned_team_id", "status");

-- CreateIndex
CREATE INDEX "support_supportticket_assigned_to_id_status_idx" ON "support_supportticket"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "support_supportticket_requester_id_idx" ON "support_supportticket"("requester_id");

-- CreateIndex
CREATE INDEX "support_supportticket_related_request_id_idx" ON "support_supportticket"("related_request_id");

-- CreateIndex
CREATE INDEX "support_supportticket_reported_user_id_idx" ON "support_supportticket"("reported_user_id");

-- CreateIndex
CREATE INDEX "support_supportticket_first_response_due_at_idx" ON "support_supportticket"("first_response_due_at");

-- CreateIndex
CREATE INDEX "support_supportticket_resolution_due_at_idx" ON "support_supportticket"("resolution_due_at");

-- CreateIndex
CREATE INDEX "support_supportcomment_ticket_id_created_at_idx" ON "support_supportcomment"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "support_supportcomment_author_id_is_draft_idx" ON "support_supportcomment"("author_id", "is_draft");

-- CreateIndex
CREATE INDEX "support_supportattachment_ticket_id_idx" ON "support_supportattachment"("ticket_id");

-- CreateIndex
CREATE INDEX "support_supportattachment_comment_id_idx" ON "support_supportattachment"("comment_id");

-- CreateIndex
CREATE INDEX "support_supportstatuslog_ticket_id_created_at_idx" ON "support_supportstatuslog"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "support_supportstatuslog_actor_id_idx" ON "support_supportstatuslog"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "verification_verificationrequest_invoice_id_key" ON "verification_verificationrequest"("invoice_id");

-- CreateIndex
CREATE INDEX "verification_verificationrequest_status_created_at_idx" ON "verification_verificationrequest"("status", "created_at");

-- CreateIndex
CREATE INDEX "verification_verificationrequest_requester_id_idx" ON "verification_verificationrequest"("requester_id");

-- CreateIndex
CREATE INDEX "verification_verificationrequest_claimed_by_id_status_idx" ON "verification_verificationrequest"("claimed_by_id", "status");

-- CreateIndex
CREATE INDEX "verification_verificationdocument_request_id_idx" ON "verification_verificationdocument"("request_id");

-- CreateIndex
CREATE INDEX "verification_verificationdocument_status_idx" ON "verification_verificationdocument"("status");

-- CreateIndex
CREATE UNIQUE INDEX "verification_verificationdocumentversion_document_id_versio_key" ON "verification_verificationdocumentversion"("document_id", "version");

-- CreateIndex
CREATE INDEX "verification_verificationdocumentreview_document_id_created_idx" ON "verification_verificationdocumentreview"("document_id", "created_at");

-- CreateIndex
CREATE INDEX "verification_verificationdocumentreview_version_id_idx" ON "verification_verificationdocumentreview"("version_id");

-- CreateIndex
CREATE INDEX "verification_verificationdocumentreview_reviewer_id_idx" ON "verification_verificationdocumentreview"("reviewer_id");

-- CreateIndex
CREATE UNIQUE INDEX "verification_verifiedbadge_request_id_key" ON "verification_verifiedbadge"("request_id");

-- CreateIndex
CREATE INDEX "verification_verifiedbadge_user_id_idx" ON "verification_verifiedbadge"("user_id");

-- CreateIndex
CREATE INDEX "verification_verifiedbadge_expires_at_idx" ON "verification_verifiedbadge"("expires_at");

-- CreateIndex
CREATE INDEX "verification_verificationstatuslog_request_id_created_at_idx" ON "verification_verificationstatuslog"("request_id", "created_at");

-- CreateIndex
CREATE INDEX "verification_verificationstatuslog_actor_id_idx" ON "verification_verificationstatuslog"("actor_id");

-- AddForeignKey
ALTER TABLE "accounts_wallet" ADD CONSTRAINT "accounts_wallet_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts_wallettransaction" ADD CONSTRAINT "accounts_wallettransaction_wallet_id_fkey" FOREIGN KEY ("wallet_id") REFERENCES "accounts_wallet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts_apitoken" ADD CONSTRAINT "accounts_apitoken_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_idempotencykey" ADD CONSTRAINT "api_idempotencykey_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_useraccessprofile" ADD CONSTRAINT "backoffice_useraccessprofile_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_auditlog" ADD CONSTRAINT "backoffice_auditlog_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_setting" ADD CONSTRAINT "backoffice_setting_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backoffice_exportjob" ADD CONSTRAINT "backoffice_exportjob_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_paid_manually_by_id_fkey" FOREIGN KEY ("paid_manually_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_invoice" ADD CONSTRAINT "billing_invoice_promo_code_id_fkey" FOREIGN KEY ("promo_code_id") REFERENCES "billing_promocode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_invoiceline" ADD CONSTRAINT "billing_invoiceline_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_paymentattempt" ADD CONSTRAINT "billing_paymentattempt_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_promocoderedemption" ADD CONSTRAINT "billing_promocoderedemption_promo_code_id_fkey" FOREIGN KEY ("promo_code_id") REFERENCES "billing_promocode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_promocoderedemption" ADD CONSTRAINT "billing_promocoderedemption_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_promocoderedemption" ADD CONSTRAINT "billing_promocoderedemption_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_paymentlink" ADD CONSTRAINT "billing_paymentlink_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_paymentlink" ADD CONSTRAINT "billing_paymentlink_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_reconciliationrun" ADD CONSTRAINT "billing_reconciliationrun_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_reconciliationitem" ADD CONSTRAINT "billing_reconciliationitem_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "billing_reconciliationrun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_reconciliationitem" ADD CONSTRAINT "billing_reconciliationitem_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_reconciliationitem" ADD CONSTRAINT "billing_reconciliationitem_payment_attempt_id_fkey" FOREIGN KEY ("payment_attempt_id") REFERENCES "billing_paymentattempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_reconciliationitem" ADD CONSTRAINT "billing_reconciliationitem_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payout" ADD CONSTRAINT "billing_payout_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payout" ADD CONSTRAINT "billing_payout_method_id_fkey" FOREIGN KEY ("method_id") REFERENCES "billing_withdrawmethod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payout" ADD CONSTRAINT "billing_payout_addressed_by_id_fkey" FOREIGN KEY ("addressed_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_payout" ADD CONSTRAINT "billing_payout_wallet_transaction_id_fkey" FOREIGN KEY ("wallet_transaction_id") REFERENCES "accounts_wallettransaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extras_extrapurchase" ADD CONSTRAINT "extras_extrapurchase_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extras_extrapurchase" ADD CONSTRAINT "extras_extrapurchase_extra_id_fkey" FOREIGN KEY ("extra_id") REFERENCES "extras_extra"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extras_extrapurchase" ADD CONSTRAINT "extras_extrapurchase_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequest" ADD CONSTRAINT "marketplace_servicerequest_subcategory_id_fkey" FOREIGN KEY ("subcategory_id") REFERENCES "providers_subcategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequest" ADD CONSTRAINT "marketplace_servicerequest_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequest" ADD CONSTRAINT "marketplace_servicerequest_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequest" ADD CONSTRAINT "marketplace_servicerequest_accepted_offer_id_fkey" FOREIGN KEY ("accepted_offer_id") REFERENCES "marketplace_offer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_offer" ADD CONSTRAINT "marketplace_offer_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_offer" ADD CONSTRAINT "marketplace_offer_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_requeststatuslog" ADD CONSTRAINT "marketplace_requeststatuslog_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_requeststatuslog" ADD CONSTRAINT "marketplace_requeststatuslog_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequestattachment" ADD CONSTRAINT "marketplace_servicerequestattachment_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_servicerequestattachment" ADD CONSTRAINT "marketplace_servicerequestattachment_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_dispute" ADD CONSTRAINT "marketplace_dispute_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_dispute" ADD CONSTRAINT "marketplace_dispute_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_dispute" ADD CONSTRAINT "marketplace_dispute_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace_dispute" ADD CONSTRAINT "marketplace_dispute_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_supportticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_thread" ADD CONSTRAINT "messaging_thread_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_thread" ADD CONSTRAINT "messaging_thread_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_thread" ADD CONSTRAINT "messaging_thread_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_message" ADD CONSTRAINT "messaging_message_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "messaging_thread"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_message" ADD CONSTRAINT "messaging_message_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_messageread" ADD CONSTRAINT "messaging_messageread_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messaging_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_messageread" ADD CONSTRAINT "messaging_messageread_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_notification" ADD CONSTRAINT "notifications_notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_notification" ADD CONSTRAINT "notifications_notification_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "notifications_eventlog"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_devicetoken" ADD CONSTRAINT "notifications_devicetoken_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_notificationpreference" ADD CONSTRAINT "notifications_notificationpreference_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications_notificationdelivery" ADD CONSTRAINT "notifications_notificationdelivery_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications_notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_target_category_id_fkey" FOREIGN KEY ("target_category_id") REFERENCES "providers_category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promorequest" ADD CONSTRAINT "promo_promorequest_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promoasset" ADD CONSTRAINT "promo_promoasset_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "promo_promorequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promostatuslog" ADD CONSTRAINT "promo_promostatuslog_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "promo_promorequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promo_promostatuslog" ADD CONSTRAINT "promo_promostatuslog_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_subcategory" ADD CONSTRAINT "providers_subcategory_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "providers_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerprofile" ADD CONSTRAINT "providers_providerprofile_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providercategory" ADD CONSTRAINT "providers_providercategory_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providercategory" ADD CONSTRAINT "providers_providercategory_subcategory_id_fkey" FOREIGN KEY ("subcategory_id") REFERENCES "providers_subcategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerservice" ADD CONSTRAINT "providers_providerservice_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerservice" ADD CONSTRAINT "providers_providerservice_subcategory_id_fkey" FOREIGN KEY ("subcategory_id") REFERENCES "providers_subcategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerportfolioitem" ADD CONSTRAINT "providers_providerportfolioitem_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerfollow" ADD CONSTRAINT "providers_providerfollow_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerfollow" ADD CONSTRAINT "providers_providerfollow_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerlike" ADD CONSTRAINT "providers_providerlike_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerlike" ADD CONSTRAINT "providers_providerlike_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerportfoliolike" ADD CONSTRAINT "providers_providerportfoliolike_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers_providerportfoliolike" ADD CONSTRAINT "providers_providerportfoliolike_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "providers_providerportfolioitem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews_review" ADD CONSTRAINT "reviews_review_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews_review" ADD CONSTRAINT "reviews_review_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers_providerprofile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews_review" ADD CONSTRAINT "reviews_review_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions_subscription" ADD CONSTRAINT "subscriptions_subscription_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions_subscription" ADD CONSTRAINT "subscriptions_subscription_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "subscriptions_subscriptionplan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions_subscription" ADD CONSTRAINT "subscriptions_subscription_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportteammember" ADD CONSTRAINT "support_supportteammember_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "support_supportteam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportteammember" ADD CONSTRAINT "support_supportteammember_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_assigned_team_id_fkey" FOREIGN KEY ("assigned_team_id") REFERENCES "support_supportteam"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_related_request_id_fkey" FOREIGN KEY ("related_request_id") REFERENCES "marketplace_servicerequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportticket" ADD CONSTRAINT "support_supportticket_reported_user_id_fkey" FOREIGN KEY ("reported_user_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportcomment" ADD CONSTRAINT "support_supportcomment_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_supportticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportcomment" ADD CONSTRAINT "support_supportcomment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportattachment" ADD CONSTRAINT "support_supportattachment_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_supportticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportattachment" ADD CONSTRAINT "support_supportattachment_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "support_supportcomment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportattachment" ADD CONSTRAINT "support_supportattachment_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportstatuslog" ADD CONSTRAINT "support_supportstatuslog_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_supportticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_supportstatuslog" ADD CONSTRAINT "support_supportstatuslog_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationrequest" ADD CONSTRAINT "verification_verificationrequest_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationrequest" ADD CONSTRAINT "verification_verificationrequest_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationrequest" ADD CONSTRAINT "verification_verificationrequest_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationrequest" ADD CONSTRAINT "verification_verificationrequest_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationdocument" ADD CONSTRAINT "verification_verificationdocument_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "verification_verificationrequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationdocumentversion" ADD CONSTRAINT "verification_verificationdocumentversion_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "verification_verificationdocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationdocumentreview" ADD CONSTRAINT "verification_verificationdocumentreview_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "verification_verificationdocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationdocumentreview" ADD CONSTRAINT "verification_verificationdocumentreview_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "verification_verificationdocumentversion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationdocumentreview" ADD CONSTRAINT "verification_verificationdocumentreview_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verifiedbadge" ADD CONSTRAINT "verification_verifiedbadge_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "accounts_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verifiedbadge" ADD CONSTRAINT "verification_verifiedbadge_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "verification_verificationrequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationstatuslog" ADD CONSTRAINT "verification_verificationstatuslog_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "verification_verificationrequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_verificationstatuslog" ADD CONSTRAINT "verification_verificationstatuslog_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

