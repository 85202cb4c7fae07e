-- CreateIndex
CREATE INDEX "Facility_updatedAt_idx" ON "Facility"("updatedAt");
