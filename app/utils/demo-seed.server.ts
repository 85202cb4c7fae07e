import { demoApplications, demoFacilities, type DemoFacility } from "../../prisma/demo/facilities";
import { ensureFeePeriod, settleFeePeriod } from "~/facilities/fees.server";
import { fiscalYearOf } from "~/facilities/fiscal-year";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { hashPassword } from "./password.server";

/**
 * Demo data for the embedded default: three accounts (listed in the README), 60 published
 * facilities with this fiscal year's fee paid, and two applications waiting for review.
 * Seeded only into an empty database, so real data is never touched.
 */
export const DEMO_PASSWORD = "gm-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "secretariat@demo.gm-network.example", role: "SECRETARIAT", displayName: "事務局（デモ）" },
  { email: "facility@demo.gm-network.example", role: "FACILITY_MEMBER", displayName: "名寄みどりの丘病院 事務長（デモ）" },
  { email: "physician@demo.gm-network.example", role: "PHYSICIAN", displayName: "山田 一郎（デモ）" },
] as const;

type Tx = Prisma.TransactionClient;

async function createListing(tx: Tx, operatorId: string, f: DemoFacility, published: boolean, at: Date, secretariatId: string) {
  const { slug, ...content } = f;
  const facility = await tx.facility.create({
    data: {
      operatorId,
      slug,
      status: published ? "APPROVED" : "SUBMITTED",
      submittedAt: at,
      contentApprovedAt: published ? at : null,
      profiles: { create: published ? [{ ...content, stage: "DRAFT" }, { ...content, stage: "APPROVED" }] : [{ ...content, stage: "DRAFT" }] },
    },
  });
  const events: Prisma.ReviewEventCreateManyInput[] = [
    { facilityId: facility.id, action: "CREATED", toStatus: "DRAFT", createdAt: at },
    { facilityId: facility.id, action: "SUBMITTED", fromStatus: "DRAFT", toStatus: "SUBMITTED", createdAt: at },
  ];
  if (published) {
    events.push({ facilityId: facility.id, actorId: secretariatId, action: "APPROVED", fromStatus: "SUBMITTED", toStatus: "APPROVED", createdAt: at });
  }
  await tx.reviewEvent.createMany({ data: events });
  if (published) {
    // Paid by bank transfer through the same code as a real payment: receipt, event, publication.
    const period = await ensureFeePeriod(tx, facility.id, fiscalYearOf(at));
    await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: at, actorId: secretariatId, note: "デモデータ", now: at });
  }
}

export async function seedDemoData(log: (line: string) => void = console.log) {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const facilities = demoFacilities();
  await prisma.$transaction(
    async (tx) => {
      const users = [];
      for (const account of DEMO_ACCOUNTS) {
        users.push(await tx.user.create({ data: { ...account, passwordHash, emailVerifiedAt: now } }));
      }
      const [secretariat, facilityUser] = users as [(typeof users)[0], (typeof users)[0]];
      // The demo facility account runs the first two facilities, as one 医療法人.
      const demoOperator = await tx.operator.create({
        data: { name: "医療法人社団 みどりの丘会", kind: "CORPORATION", corporateNumber: "7000012050002", members: { create: { userId: facilityUser.id } } },
      });
      for (const [i, f] of facilities.entries()) {
        const operatorId =
          i < 2
            ? demoOperator.id
            : (await tx.operator.create({ data: { name: f.kind === "HOSPITAL" ? `医療法人 ${f.city}会` : `${f.name}（個人開設）`, kind: f.kind === "HOSPITAL" ? "CORPORATION" : "INDIVIDUAL" } })).id;
        // Approval dates spread over the fiscal year so far, at most today.
        const at = new Date(Math.min(now.getTime(), Date.UTC(fiscalYearOf(now), 3 + (i % 7), 1 + (i % 27))));
        await createListing(tx, operatorId, f, true, at, secretariat.id);
      }
      for (const [i, f] of demoApplications().entries()) {
        const operator = await tx.operator.create({ data: { name: `医療法人 ${f.city}会`, kind: "CORPORATION" } });
        await createListing(tx, operator.id, f, false, new Date(now.getTime() - (2 - i) * 86_400_000), secretariat.id);
      }
    },
    { timeout: 120_000 },
  );
  log(
    [
      "",
      "Demo data created. Sign in with these accounts (password for all: " + DEMO_PASSWORD + "):",
      ...DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(16)} ${a.email}`),
      `  and ${facilities.length} published demo facilities, ${demoApplications().length} applications waiting for review.`,
      "",
    ].join("\n"),
  );
  return true;
}
