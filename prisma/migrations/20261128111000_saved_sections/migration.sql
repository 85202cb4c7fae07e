-- Which profile sections a facility has saved (issue 13: progress "n of 7").
ALTER TABLE "FacilityProfile" ADD COLUMN "savedSections" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Every facility that has already applied has been through every section.
UPDATE "FacilityProfile" p
SET "savedSections" = ARRAY['basic', 'stance', 'supervision', 'learning', 'employment', 'activities', 'contact']
FROM "Facility" f
WHERE f.id = p."facilityId" AND f.status <> 'DRAFT';
