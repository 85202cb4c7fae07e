-- Reports from the public about a listing, and the secretariat's notes on them (issue 14).
-- CreateEnum
CREATE TYPE "ListingReportReason" AS ENUM ('INACCURATE', 'OUTDATED', 'UNREACHABLE', 'INAPPROPRIATE', 'OTHER');

-- CreateEnum
CREATE TYPE "ListingReportResolution" AS ENUM ('CORRECTED', 'REVOKED', 'NO_CHANGE');

-- CreateTable
CREATE TABLE "ListingReport" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "reason" "ListingReportReason" NOT NULL,
    "details" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolution" "ListingReportResolution",
    "resolutionNote" TEXT NOT NULL DEFAULT '',
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "ListingReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListingReportNote" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListingReportNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ListingReport_resolvedAt_createdAt_idx" ON "ListingReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ListingReport_facilityId_idx" ON "ListingReport"("facilityId");

-- CreateIndex
CREATE INDEX "ListingReportNote_reportId_createdAt_idx" ON "ListingReportNote"("reportId", "createdAt");

-- AddForeignKey
ALTER TABLE "ListingReport" ADD CONSTRAINT "ListingReport_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListingReport" ADD CONSTRAINT "ListingReport_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListingReportNote" ADD CONSTRAINT "ListingReportNote_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ListingReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListingReportNote" ADD CONSTRAINT "ListingReportNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

