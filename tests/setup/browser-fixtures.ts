// Run with tsx by the browser tests' global setup before the site starts (PGlite allows one
// process at a time): listings in states a browser journey starts from.
//   - an approved, unpaid facility whose member can log in (to pay in test mode)
//   - a listing paid only for last fiscal year, past its grace period (for the lapse job)
import { demoFacilities } from "../../prisma/demo/facilities";
import { ensureFeePeriod, settleFeePeriod } from "~/payments/fee-periods.server";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { disconnectDatabase, migrateDatabase, prisma } from "~/utils/db.server";
import { createImport } from "~/onboarding/imports.server";
import { hashPassword } from "~/utils/password.server";
import { syncReferenceData } from "~/utils/reference-data.server";

import { FIXTURES } from "./browser-fixtures-data";

async function listing(slug: string, name: string, status: "APPROVED" | "PUBLISHED", memberId?: string, overrides: Record<string, unknown> = {}) {
  const { slug: _demoSlug, ...demo } = demoFacilities()[3]!;
  const content = { ...demo, ...overrides };
  const operator = await prisma.operator.create({
    data: { name: `${name}の法人`, kind: "CORPORATION", members: memberId ? { create: { userId: memberId } } : undefined },
  });
  return prisma.facility.create({
    data: {
      operatorId: operator.id,
      slug,
      status,
      contentApprovedAt: new Date(),
      publishedAt: status === "PUBLISHED" ? new Date() : null,
      profiles: { create: [{ ...content, name, stage: "DRAFT" }, { ...content, name, stage: "APPROVED" }] },
    },
  });
}

async function main() {
  process.env.WORKERS = "off";
  await migrateDatabase();
  await syncReferenceData();
  const payer = await prisma.user.create({
    data: { email: FIXTURES.payer.email, passwordHash: await hashPassword(FIXTURES.payer.password), role: "FACILITY_MEMBER", emailVerifiedAt: new Date() },
  });
  await listing(FIXTURES.payer.slug, "E2E支払いテスト病院", "APPROVED", payer.id);
  const lapsing = await listing(FIXTURES.lapsing.slug, "E2E失効テスト診療所", "PUBLISHED");
  const thisYear = fiscalYearOf(new Date());
  for (const d of FIXTURES.directory) {
    const f = await listing(d.slug, d.name, "APPROVED", undefined, { prefectureCode: d.prefectureCode, departmentCodes: d.departmentCodes });
    await prisma.$transaction(async (tx) => {
      const period = await ensureFeePeriod(tx, f.id, thisYear);
      // Publishes it and queues it for the search index, as a real payment would.
      await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: new Date(), actorId: null });
    });
  }
  const { bulk } = FIXTURES;
  const names = ["渡邊", "齋藤", "髙橋", "山﨑", "濱田", "櫻井", "廣瀬", "德田", "嶋田", "澤田"];
  for (let i = 0; i < bulk.count; i++) {
    const long = i === 0 ? bulk.long : null;
    const f = await listing(long?.slug ?? `e2e-bulk-${i}`, long?.name ?? `${names[i % names.length]}内科クリニック第${i + 1}分院`, "APPROVED", undefined, {
      prefectureCode: bulk.prefectureCode,
      city: "つくば市",
      departmentCodes: ["naika", "masuika"],
      ...(long ? { stance: long.stance, hopes: long.hopes } : {}),
    });
    await prisma.$transaction(async (tx) => {
      const period = await ensureFeePeriod(tx, f.id, thisYear);
      await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: new Date(), actorId: null });
    });
  }
  const { inquiry } = FIXTURES;
  const inboxMember = await prisma.user.create({
    data: { email: inquiry.member.email, passwordHash: await hashPassword(inquiry.member.password), role: "FACILITY_MEMBER", emailVerifiedAt: new Date() },
  });
  await prisma.user.create({
    data: { email: inquiry.physician.email, passwordHash: await hashPassword(inquiry.physician.password), role: "PHYSICIAN", emailVerifiedAt: new Date() },
  });
  const answering = await listing(inquiry.slug, inquiry.name, "APPROVED", inboxMember.id, { prefectureCode: inquiry.prefectureCode });
  await prisma.$transaction(async (tx) => {
    const period = await ensureFeePeriod(tx, answering.id, thisYear);
    await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: new Date(), actorId: null });
  });
  const { tour } = FIXTURES;
  const tourMember = await prisma.user.create({
    data: { email: tour.member.email, passwordHash: await hashPassword(tour.member.password), role: "FACILITY_MEMBER", emailVerifiedAt: new Date(), displayName: "見学 担当" },
  });
  const tourDoctor = await prisma.user.create({
    data: {
      email: tour.physician.email,
      passwordHash: await hashPassword(tour.physician.password),
      role: "PHYSICIAN",
      emailVerifiedAt: new Date(),
      physicianProfile: {
        create: {
          name: "髙橋 健一", nameKana: "たかはし けんいち", workplaceType: "UNIVERSITY_HOSPITAL", prefectureCode: "26", specialtyCode: "surgery",
          licenceYear: 2001, interestPrefectureCodes: ["26", "29"], lookingFor: ["training"], contactByEmail: true,
        },
      },
    },
  });
  const shown = await listing(tour.slug, tour.name, "APPROVED", tourMember.id, { prefectureCode: "26", access: "JR二条駅から徒歩7分" });
  await prisma.$transaction(async (tx) => {
    const period = await ensureFeePeriod(tx, shown.id, thisYear);
    await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: new Date(), actorId: null });
  });
  const inReview = await listing("e2e-tour-review", tour.inReview, "APPROVED", tourMember.id, { prefectureCode: "29" });
  await prisma.facility.update({ where: { id: inReview.id }, data: { status: "SUBMITTED", submittedAt: new Date(), contentApprovedAt: null } });
  await prisma.reviewEvent.create({ data: { facilityId: inReview.id, actorId: tourMember.id, action: "SUBMITTED", fromStatus: "DRAFT", toStatus: "SUBMITTED" } });
  await prisma.inquiryThread.create({
    data: {
      facilityId: shown.id,
      physicianId: tourDoctor.id,
      topic: "TRAINING",
      anonymousSummary: { specialty: "外科", yearsSinceLicence: 25, prefecture: "京都府" },
      messages: {
        create: [
          { side: "PHYSICIAN", authorId: tourDoctor.id, body: "外科から総合医への転向を考えています。見学は可能でしょうか。" },
          { side: "FACILITY", authorId: tourMember.id, body: "ぜひお越しください。平日の午後であれば、いつでもご案内できます。" },
        ],
      },
    },
  });
  const photoMember = await prisma.user.create({
    data: { email: FIXTURES.photos.member.email, passwordHash: await hashPassword(FIXTURES.photos.member.password), role: "FACILITY_MEMBER", emailVerifiedAt: new Date() },
  });
  const photoListing = await listing(FIXTURES.photos.slug, FIXTURES.photos.name, "APPROVED", photoMember.id, { prefectureCode: "32" });
  await prisma.$transaction(async (tx) => {
    const period = await ensureFeePeriod(tx, photoListing.id, thisYear);
    await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt: new Date(), actorId: null });
  });
  const office = await prisma.user.findFirstOrThrow({ where: { role: "SECRETARIAT" } });
  await prisma.campaign.create({
    data: { subject: FIXTURES.campaign.subject, body: "京都府で総合医を目指す先生へ。\n\n・見学を受け付けています", prefectureCodes: ["26"], participation: "any", createdById: office.id },
  });
  const upload = await createImport({
    fileName: FIXTURES.formImport.fileName,
    bytes: new TextEncoder().encode("タイムスタンプ,メールアドレス,医療機関名,都道府県\r\n2026/10/01,e2e-form@example.jp,E2E取り込み診療所,京都府\r\n2026/10/02,,メールのない医院,京都府\r\n"),
    actorId: office.id,
  });
  if (!upload.ok) throw new Error(upload.message);
  const lastYear = thisYear - 1;
  const paidAt = new Date(Date.UTC(lastYear, 5, 1));
  await prisma.$transaction(async (tx) => {
    const period = await ensureFeePeriod(tx, lapsing.id, lastYear);
    await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt, actorId: null, now: paidAt });
  });
}

main()
  .then(() => disconnectDatabase())
  .catch(async (error) => {
    console.error(error);
    await disconnectDatabase();
    process.exit(1);
  });
