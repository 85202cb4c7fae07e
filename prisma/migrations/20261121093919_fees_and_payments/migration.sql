-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('STRIPE', 'LOCAL_TEST');

-- CreateEnum
CREATE TYPE "PaymentAttemptStatus" AS ENUM ('OPEN', 'PROCESSING', 'PAID', 'FAILED', 'EXPIRED', 'MISMATCH', 'DUPLICATE');

-- CreateTable
CREATE TABLE "PaymentAttempt" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "feePeriodId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "checkoutSessionId" TEXT NOT NULL,
    "checkoutUrl" TEXT NOT NULL,
    "status" "PaymentAttemptStatus" NOT NULL DEFAULT 'OPEN',
    "amountTotal" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "paymentMethodType" TEXT,
    "paymentIntentId" TEXT,
    "flagReason" TEXT NOT NULL DEFAULT '',
    "localState" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Receipt" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "feePeriodId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "issuerName" TEXT NOT NULL,
    "registrationNumber" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "operatorName" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amountExclTax" INTEGER NOT NULL,
    "taxRatePercent" INTEGER NOT NULL,
    "taxAmount" INTEGER NOT NULL,
    "amountTotal" INTEGER NOT NULL,
    "paymentMethod" "PaymentMethod" NOT NULL,

    CONSTRAINT "Receipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "FeeNotice" (
    "facilityId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeNotice_pkey" PRIMARY KEY ("facilityId","fiscalYear","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAttempt_checkoutSessionId_key" ON "PaymentAttempt"("checkoutSessionId");

-- CreateIndex
CREATE INDEX "PaymentAttempt_facilityId_fiscalYear_idx" ON "PaymentAttempt"("facilityId", "fiscalYear");

-- CreateIndex
CREATE INDEX "PaymentAttempt_status_idx" ON "PaymentAttempt"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Receipt_number_key" ON "Receipt"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Receipt_feePeriodId_key" ON "Receipt"("feePeriodId");

-- CreateIndex
CREATE INDEX "Receipt_facilityId_idx" ON "Receipt"("facilityId");

-- AddForeignKey
ALTER TABLE "PaymentAttempt" ADD CONSTRAINT "PaymentAttempt_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAttempt" ADD CONSTRAINT "PaymentAttempt_feePeriodId_fkey" FOREIGN KEY ("feePeriodId") REFERENCES "FeePeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_feePeriodId_fkey" FOREIGN KEY ("feePeriodId") REFERENCES "FeePeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeNotice" ADD CONSTRAINT "FeeNotice_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;
