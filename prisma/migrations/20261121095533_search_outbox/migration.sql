-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchOutbox_nextAttemptAt_idx" ON "SearchOutbox"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "FacilityProfile_departmentCodes_idx" ON "FacilityProfile" USING GIN ("departmentCodes");

-- CreateIndex
CREATE INDEX "FacilityProfile_activityCodes_idx" ON "FacilityProfile" USING GIN ("activityCodes");
