-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "claimToken" TEXT;
