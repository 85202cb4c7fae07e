-- CreateEnum
CREATE TYPE "WorkplaceType" AS ENUM ('UNIVERSITY_HOSPITAL', 'LARGE_HOSPITAL', 'OTHER');

-- CreateEnum
CREATE TYPE "ThreadTopic" AS ENUM ('TRAINING', 'EMPLOYMENT', 'VISIT', 'OTHER');

-- CreateEnum
CREATE TYPE "ThreadStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ThreadSide" AS ENUM ('PHYSICIAN', 'FACILITY');

-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "PhysicianProfile" (
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL,
    "workplaceType" "WorkplaceType" NOT NULL,
    "prefectureCode" TEXT NOT NULL,
    "specialtyCode" TEXT NOT NULL,
    "licenceYear" INTEGER NOT NULL,
    "programParticipant" BOOLEAN NOT NULL DEFAULT false,
    "interestPrefectureCodes" TEXT[],
    "lookingFor" TEXT[],
    "contactByEmail" BOOLEAN NOT NULL DEFAULT false,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "contactNote" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhysicianProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Favourite" (
    "userId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Favourite_pkey" PRIMARY KEY ("userId","facilityId")
);

-- CreateTable
CREATE TABLE "InquiryThread" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "physicianId" TEXT,
    "topic" "ThreadTopic" NOT NULL,
    "status" "ThreadStatus" NOT NULL DEFAULT 'OPEN',
    "anonymousSummary" JSONB,
    "disclosure" JSONB,
    "disclosedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedBy" "ThreadSide",
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InquiryThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadMessage" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "side" "ThreadSide" NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "event" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadRead" (
    "threadId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadRead_pkey" PRIMARY KEY ("threadId","userId")
);

-- CreateTable
CREATE TABLE "ThreadNotice" (
    "threadId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadNotice_pkey" PRIMARY KEY ("threadId","userId")
);

-- CreateTable
CREATE TABLE "FacilityBlock" (
    "facilityId" TEXT NOT NULL,
    "physicianId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FacilityBlock_pkey" PRIMARY KEY ("facilityId","physicianId")
);

-- CreateTable
CREATE TABLE "ThreadReport" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "side" "ThreadSide" NOT NULL,
    "reporterId" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "ThreadReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchAlert" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "checkedUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchAlertDelivery" (
    "alertId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchAlertDelivery_pkey" PRIMARY KEY ("alertId","facilityId")
);

-- CreateIndex
CREATE INDEX "Favourite_facilityId_idx" ON "Favourite"("facilityId");

-- CreateIndex
CREATE INDEX "InquiryThread_physicianId_lastMessageAt_idx" ON "InquiryThread"("physicianId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "InquiryThread_facilityId_lastMessageAt_idx" ON "InquiryThread"("facilityId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "ThreadMessage_threadId_createdAt_idx" ON "ThreadMessage"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "ThreadRead_userId_idx" ON "ThreadRead"("userId");

-- CreateIndex
CREATE INDEX "ThreadReport_resolvedAt_idx" ON "ThreadReport"("resolvedAt");

-- CreateIndex
CREATE INDEX "SearchAlert_userId_idx" ON "SearchAlert"("userId");

-- AddForeignKey
ALTER TABLE "PhysicianProfile" ADD CONSTRAINT "PhysicianProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Favourite" ADD CONSTRAINT "Favourite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Favourite" ADD CONSTRAINT "Favourite_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InquiryThread" ADD CONSTRAINT "InquiryThread_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InquiryThread" ADD CONSTRAINT "InquiryThread_physicianId_fkey" FOREIGN KEY ("physicianId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadMessage" ADD CONSTRAINT "ThreadMessage_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "InquiryThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadMessage" ADD CONSTRAINT "ThreadMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadRead" ADD CONSTRAINT "ThreadRead_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "InquiryThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadRead" ADD CONSTRAINT "ThreadRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadNotice" ADD CONSTRAINT "ThreadNotice_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "InquiryThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadNotice" ADD CONSTRAINT "ThreadNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilityBlock" ADD CONSTRAINT "FacilityBlock_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilityBlock" ADD CONSTRAINT "FacilityBlock_physicianId_fkey" FOREIGN KEY ("physicianId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadReport" ADD CONSTRAINT "ThreadReport_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "InquiryThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadReport" ADD CONSTRAINT "ThreadReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchAlert" ADD CONSTRAINT "SearchAlert_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchAlertDelivery" ADD CONSTRAINT "SearchAlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "SearchAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
