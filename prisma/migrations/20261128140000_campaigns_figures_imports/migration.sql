-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEW', 'IMPORTING', 'DONE', 'CANCELLED');

-- AlterEnum
ALTER TYPE "MailStatus" ADD VALUE 'SUPPRESSED';

-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "bouncedAt" TIMESTAMP(3),
ADD COLUMN     "campaignBatchId" TEXT,
ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "complainedAt" TIMESTAMP(3),
ADD COLUMN     "unsubscribedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MailSuppression" (
    "email" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailSuppression_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "MailWebhookEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailWebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "featuredFacilityIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "prefectureCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "specialtyCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "participation" TEXT NOT NULL DEFAULT 'any',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scheduledAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "recipientCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignBatch" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "batchNo" INTEGER NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "CampaignBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidanceRecipient" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "consentSource" TEXT NOT NULL,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "prefectureCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "specialtyCode" TEXT,
    "programParticipant" BOOLEAN NOT NULL DEFAULT false,
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidanceRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FacilityDailyStat" (
    "facilityId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "pageViews" INTEGER NOT NULL DEFAULT 0,
    "searchAppearances" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FacilityDailyStat_pkey" PRIMARY KEY ("facilityId","day")
);

-- CreateTable
CREATE TABLE "FacilityImport" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "headers" TEXT[],
    "mapping" JSONB NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "validRows" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FacilityImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "headersKey" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("headersKey")
);

-- CreateTable
CREATE TABLE "ImportedRow" (
    "key" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportedRow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "MailWebhookEvent_receivedAt_idx" ON "MailWebhookEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "Campaign_status_scheduledAt_idx" ON "Campaign"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "CampaignBatch_status_nextAttemptAt_idx" ON "CampaignBatch"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignBatch_campaignId_batchNo_key" ON "CampaignBatch"("campaignId", "batchNo");

-- CreateIndex
CREATE UNIQUE INDEX "GuidanceRecipient_email_key" ON "GuidanceRecipient"("email");

-- CreateIndex
CREATE INDEX "MailOutbox_status_campaignBatchId_nextAttemptAt_idx" ON "MailOutbox"("status", "campaignBatchId", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailOutbox_campaignBatchId_idx" ON "MailOutbox"("campaignBatchId");

-- CreateIndex
CREATE INDEX "MailOutbox_campaignId_status_idx" ON "MailOutbox"("campaignId", "status");

-- CreateIndex
CREATE INDEX "MailOutbox_providerMessageId_idx" ON "MailOutbox"("providerMessageId");

-- AddForeignKey
ALTER TABLE "CampaignBatch" ADD CONSTRAINT "CampaignBatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

