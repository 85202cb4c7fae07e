-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PHYSICIAN', 'FACILITY_MEMBER', 'SECRETARIAT');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'CAPTURED', 'FAILED');

-- CreateEnum
CREATE TYPE "OperatorKind" AS ENUM ('CORPORATION', 'INDIVIDUAL');

-- CreateEnum
CREATE TYPE "FacilityKind" AS ENUM ('HOSPITAL', 'CLINIC');

-- CreateEnum
CREATE TYPE "FacilityStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED', 'PUBLISHED', 'REVOKED', 'LAPSED');

-- CreateEnum
CREATE TYPE "RevisionStatus" AS ENUM ('NONE', 'PENDING', 'RETURNED');

-- CreateEnum
CREATE TYPE "ProfileStage" AS ENUM ('DRAFT', 'APPROVED');

-- CreateEnum
CREATE TYPE "ReviewAction" AS ENUM ('CREATED', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED', 'PUBLISHED', 'REVOKED', 'REINSTATED', 'LAPSED', 'PAYMENT_RECORDED', 'REVISION_SUBMITTED', 'REVISION_ACCEPTED', 'REVISION_RETURNED');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('BANK_TRANSFER', 'STRIPE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "displayName" TEXT,
    "emailVerifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "TokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Prefecture" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,

    CONSTRAINT "Prefecture_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Specialty" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Specialty_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Department" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ActivityCategory" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "ActivityCategory_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Activity" (
    "code" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "EmploymentForm" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "EmploymentForm_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OperatorKind" NOT NULL,
    "corporateNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorMember" (
    "operatorId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperatorMember_pkey" PRIMARY KEY ("operatorId","userId")
);

-- CreateTable
CREATE TABLE "OperatorInvitation" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperatorInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Facility" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "FacilityStatus" NOT NULL DEFAULT 'DRAFT',
    "revisionStatus" "RevisionStatus" NOT NULL DEFAULT 'NONE',
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "revisionSubmittedAt" TIMESTAMP(3),
    "contentApprovedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Facility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FacilityProfile" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "stage" "ProfileStage" NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "nameKana" TEXT NOT NULL DEFAULT '',
    "kind" "FacilityKind",
    "bedCount" INTEGER,
    "postalCode" TEXT NOT NULL DEFAULT '',
    "prefectureCode" TEXT,
    "city" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "website" TEXT NOT NULL DEFAULT '',
    "departmentCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "stance" TEXT NOT NULL DEFAULT '',
    "hopes" TEXT NOT NULL DEFAULT '',
    "welcomedSpecialtyCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "supervisorAvailable" BOOLEAN,
    "consultationSetup" TEXT NOT NULL DEFAULT '',
    "consultationFrequency" TEXT NOT NULL DEFAULT '',
    "learningTimeProtected" BOOLEAN,
    "scheduleAdjustment" BOOLEAN,
    "programSupport" BOOLEAN,
    "learningSupport" TEXT NOT NULL DEFAULT '',
    "employmentFormCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "employmentTerms" TEXT NOT NULL DEFAULT '',
    "activityCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contactName" TEXT NOT NULL DEFAULT '',
    "contactTitle" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FacilityProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewEvent" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" "ReviewAction" NOT NULL,
    "fromStatus" "FacilityStatus",
    "toStatus" "FacilityStatus",
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeePeriod" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "amountExclTax" INTEGER NOT NULL,
    "taxRatePercent" INTEGER NOT NULL,
    "amountTotal" INTEGER NOT NULL,
    "paidAt" TIMESTAMP(3),
    "method" "PaymentMethod",
    "recordedById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeePeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");

-- CreateIndex
CREATE INDEX "UserToken_userId_purpose_idx" ON "UserToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailOutbox_toAddress_idx" ON "MailOutbox"("toAddress");

-- CreateIndex
CREATE INDEX "OperatorMember_userId_idx" ON "OperatorMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OperatorInvitation_tokenHash_key" ON "OperatorInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "OperatorInvitation_operatorId_idx" ON "OperatorInvitation"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Facility_slug_key" ON "Facility"("slug");

-- CreateIndex
CREATE INDEX "Facility_status_idx" ON "Facility"("status");

-- CreateIndex
CREATE INDEX "Facility_revisionStatus_idx" ON "Facility"("revisionStatus");

-- CreateIndex
CREATE INDEX "FacilityProfile_stage_prefectureCode_idx" ON "FacilityProfile"("stage", "prefectureCode");

-- CreateIndex
CREATE UNIQUE INDEX "FacilityProfile_facilityId_stage_key" ON "FacilityProfile"("facilityId", "stage");

-- CreateIndex
CREATE INDEX "ReviewEvent_facilityId_createdAt_idx" ON "ReviewEvent"("facilityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeePeriod_facilityId_fiscalYear_key" ON "FeePeriod"("facilityId", "fiscalYear");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefecture" ADD CONSTRAINT "Prefecture_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "ActivityCategory"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorMember" ADD CONSTRAINT "OperatorMember_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorMember" ADD CONSTRAINT "OperatorMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorInvitation" ADD CONSTRAINT "OperatorInvitation_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Facility" ADD CONSTRAINT "Facility_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilityProfile" ADD CONSTRAINT "FacilityProfile_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeePeriod" ADD CONSTRAINT "FeePeriod_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

