-- CreateTable
CREATE TABLE "backoffice_loginattempt" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "ip" VARCHAR(45) NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backoffice_loginattempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "backoffice_loginattempt_email_created_at_idx" ON "backoffice_loginattempt"("email", "created_at");

-- CreateIndex
CREATE INDEX "backoffice_loginattempt_ip_created_at_idx" ON "backoffice_loginattempt"("ip", "created_at");

