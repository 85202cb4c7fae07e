-- Physicians' consent to guidance mail, given at sign-up or in the profile (issue 14).
-- AlterTable
ALTER TABLE "SignUpRequest" ADD COLUMN     "guidanceConsent" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "guidanceConsentAt" TIMESTAMP(3),
ADD COLUMN     "guidanceConsentSource" TEXT NOT NULL DEFAULT '';

