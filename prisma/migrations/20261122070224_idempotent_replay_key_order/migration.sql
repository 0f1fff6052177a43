-- AlterTable
ALTER TABLE "api_idempotencykey" ALTER COLUMN "response_body" SET DATA TYPE JSON;

