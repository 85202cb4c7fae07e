-- 最寄り駅・アクセス on the facility profile (issue 13).
ALTER TABLE "FacilityProfile" ADD COLUMN "access" TEXT NOT NULL DEFAULT '';
