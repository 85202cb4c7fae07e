import { demoApplications, demoFacilities, type DemoFacility } from "../../prisma/demo/facilities";
import { ensureFeePeriod, settleFeePeriod } from "~/payments/fee-periods.server";
import { fiscalYearOf } from "~/billing/fiscal-year";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../utils/db.server";
import { anonymousSummary } from "~/physicians/profile.server";
import { hashPassword } from "../utils/password.server";

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

/**
 * The demo physician has a profile, one saved facility, a prefecture alert, and an anonymous
 * thread with the demo facility account's first facility that the facility has answered.
 */
async function seedDemoConversation(tx: Tx, { physicianId, facilitySlug, now }: { physicianId: string; facilitySlug: string; now: Date }) {
  const profile = await tx.physicianProfile.create({
    data: {
      userId: physicianId,
      name: "山田 一郎",
      nameKana: "やまだ いちろう",
      workplaceType: "UNIVERSITY_HOSPITAL",
      prefectureCode: "13",
      specialtyCode: "internal-medicine",
      licenceYear: 2008,
      programParticipant: true,
      interestPrefectureCodes: ["01", "02"],
      lookingFor: ["training", "visit"],
      contactByEmail: true,
    },
  });
  const facility = await tx.facility.findUniqueOrThrow({ where: { slug: facilitySlug } });
  await tx.favourite.create({ data: { userId: physicianId, facilityId: facility.id } });
  await tx.searchAlert.create({ data: { userId: physicianId, query: "prefecture=18", label: "福井県", checkedUntil: now } });
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);
  const thread = await tx.inquiryThread.create({
    data: { facilityId: facility.id, physicianId, topic: "VISIT", anonymousSummary: anonymousSummary(profile, now) as never, lastMessageAt: at(2), createdAt: at(26) },
  });
  await tx.threadMessage.createMany({
    data: [
      { threadId: thread.id, side: "PHYSICIAN", authorId: physicianId, body: "大学病院で内科をしております。来年度から地域で総合医として働くことを考えており、一度見学させていただくことは可能でしょうか。", createdAt: at(26) },
      { threadId: thread.id, side: "FACILITY", body: "ご相談ありがとうございます。見学は平日であればいつでも歓迎です。ご希望の日程を2〜3候補お知らせください。", createdAt: at(2) },
    ],
  });
  await tx.threadRead.create({ data: { threadId: thread.id, userId: physicianId, readAt: at(26) } });
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
      const [secretariat, facilityUser, physician] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
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
      await seedDemoConversation(tx, { physicianId: physician.id, facilitySlug: facilities[0]!.slug, now });
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
