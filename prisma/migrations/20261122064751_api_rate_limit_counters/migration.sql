-- CreateTable
CREATE TABLE "api_ratelimitcounter" (
    "key" VARCHAR(200) NOT NULL,
    "hits" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "api_ratelimitcounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "api_ratelimitcounter_reset_at_idx" ON "api_ratelimitcounter"("reset_at");

