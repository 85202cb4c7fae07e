import { fiscalYearOf } from "~/billing/fiscal-year";
import { displayValue, type ProfileContent } from "~/facilities/profile";
import { REVISION_LABEL, STATUS_LABEL } from "~/facilities/lifecycle";
import { PREFECTURES } from "~/reference/prefectures";
import { campaignHistory, STATUS_LABELS } from "~/campaigns/campaigns.server";
import type { Prisma } from "~/generated/prisma/client";
import { excelCsv, excelCsvStream } from "~/utils/csv.server";
import { formatJst } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { daysSince } from "~/utils/dates";

/**
 * The secretariat's CSV exports, for Excel (app/utils/csv.server.ts). Counts only where people
 * are concerned: no physician is named in any of them.
 */
export const EXPORTS = {
  facilities: { label: "医療機関の一覧（すべての状態、掲載内容、登録料）", filename: "facilities" },
  applications: { label: "審査中の申請・修正", filename: "applications" },
  coverage: { label: "都道府県ごとの掲載数", filename: "coverage" },
  inquiries: { label: "月ごとの相談の件数（件数のみ）", filename: "inquiries-per-month" },
  campaigns: { label: "案内メールの送信結果（件数のみ）", filename: "campaign-results" },
} as const;
export type ExportName = keyof typeof EXPORTS;

const iso = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "");

/** Facilities read per batch for the export: bounded memory at any size of the directory. */
const EXPORT_BATCH = 500;

function facilitiesCsv() {
  const fy = fiscalYearOf(new Date());
  const header = [
    "ID", "公開URL", "状態", "修正", "医療機関名", "ふりがな", "種別", "病床数", "郵便番号", "都道府県", "市区町村", "番地", "最寄り駅・アクセス", "電話番号", "ウェブサイト",
    "標榜診療科", "指導医", "勤務形態", "実地研修の活動", "担当者", "担当者メール", "担当者電話", "運営法人", "法人番号", "申請日時", "掲載情報の確認日", "掲載開始日時", `登録料（${fy}年度）`,
  ];
  async function* batches() {
    // The order is fixed first (ids only), then the rows are read a batch at a time by id.
    const ids = (await prisma.facility.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } })).map((f) => f.id);
    for (let at = 0; at < ids.length; at += EXPORT_BATCH) {
      const wanted = ids.slice(at, at + EXPORT_BATCH);
      const found = await prisma.facility.findMany({
        where: { id: { in: wanted } },
        include: { operator: true, profiles: { where: { stage: "DRAFT" } }, feePeriods: { where: { fiscalYear: fy } } },
      });
      const byId = new Map(found.map((f) => [f.id, f]));
      yield wanted.flatMap((id) => {
        const f = byId.get(id);
        return f ? [facilityRow(f)] : []; // deleted since the order was read
      });
    }
  }
  type Found = Prisma.FacilityGetPayload<{ include: { operator: true; profiles: true; feePeriods: true } }>;
  function facilityRow(f: Found) {
    const p = f.profiles[0] as ProfileContent | undefined;
    const v = (field: Parameters<typeof displayValue>[0]) => (p ? displayValue(field, p) : "");
    const fee = f.feePeriods[0];
    return [
      f.id, `/facilities/${f.slug}`, STATUS_LABEL[f.status], REVISION_LABEL[f.revisionStatus], p?.name, p?.nameKana, v("kind"), p?.bedCount ?? "", p?.postalCode, v("prefectureCode"), p?.city, p?.address, p?.access, p?.phone, p?.website,
      v("departmentCodes"), v("supervisorAvailable"), v("employmentFormCodes"), v("activityCodes"), p?.contactName, p?.contactEmail, p?.contactPhone, f.operator.name, f.operator.corporateNumber ?? "",
      iso(f.submittedAt), iso(f.contentApprovedAt), iso(f.publishedAt), fee ? (fee.paidAt ? "支払済" : "未払") : "請求なし",
    ];
  }
  return excelCsvStream(header, batches());
}

async function applicationsCsv() {
  const facilities = await prisma.facility.findMany({
    where: { OR: [{ status: "SUBMITTED" }, { revisionStatus: "PENDING" }] },
    orderBy: { updatedAt: "asc" },
    include: { operator: true, profiles: { where: { stage: "DRAFT" } } },
  });
  const now = Date.now();
  const rows = facilities.map((f) => {
    const since = f.status === "SUBMITTED" ? f.submittedAt : f.revisionSubmittedAt;
    const p = f.profiles[0] as ProfileContent | undefined;
    return [f.status === "SUBMITTED" ? "新規・再申請" : "掲載内容の修正", p?.name, p ? displayValue("prefectureCode", p) : "", f.operator.name, iso(since), since ? daysSince(since, now) : ""];
  });
  return excelCsv(["種類", "医療機関名", "都道府県", "運営法人", "申請日時", "待ち日数"], rows);
}

async function coverageCsv() {
  const counts = await prisma.$queryRaw<Array<{ code: string | null; published: number; review: number; drafts: number }>>`
    SELECT p."prefectureCode" AS code,
           count(*) FILTER (WHERE f.status = 'PUBLISHED')::int AS published,
           count(*) FILTER (WHERE f.status = 'SUBMITTED')::int AS review,
           count(*) FILTER (WHERE f.status IN ('DRAFT', 'RETURNED'))::int AS drafts
    FROM "Facility" f JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'DRAFT'
    GROUP BY p."prefectureCode"`;
  const by = new Map(counts.map((c) => [c.code, c]));
  return excelCsv(
    ["都道府県コード", "都道府県", "掲載中", "審査中", "入力中"],
    PREFECTURES.map((p) => [p.code, p.name, by.get(p.code)?.published ?? 0, by.get(p.code)?.review ?? 0, by.get(p.code)?.drafts ?? 0]),
  );
}

async function inquiriesCsv() {
  const rows = await prisma.$queryRaw<Array<{ month: string; threads: number; fromPhysicians: number; fromFacilities: number }>>`
    WITH months AS (
      SELECT to_char(t."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS threads, 0 AS physicians, 0 AS facilities FROM "InquiryThread" t GROUP BY 1
      UNION ALL
      SELECT to_char(m."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'), 0,
             count(*) FILTER (WHERE m.side = 'PHYSICIAN')::int, count(*) FILTER (WHERE m.side = 'FACILITY')::int
      FROM "ThreadMessage" m WHERE m.event IS NULL GROUP BY 1
    )
    SELECT month, sum(threads)::int AS threads, sum(physicians)::int AS "fromPhysicians", sum(facilities)::int AS "fromFacilities"
    FROM months GROUP BY month ORDER BY month`;
  return excelCsv(["月", "新しい相談", "医師からのメッセージ", "医療機関からのメッセージ"], rows.map((r) => [r.month, r.threads, r.fromPhysicians, r.fromFacilities]));
}

/** Every campaign with its counts; no addresses. */
async function campaignsCsv() {
  const history = await campaignHistory();
  return excelCsv(
    ["件名", "状態", "送信開始", "宛先", "送信済み", "送信待ち", "送信失敗", "送信停止中の宛先", "不達（バウンス）", "迷惑メール報告", "配信停止"],
    history.map(({ campaign: c, results: r }) => [
      c.subject,
      STATUS_LABELS[c.status],
      c.queuedAt ? formatJst(c.queuedAt) : "",
      r?.queued ?? 0,
      r?.sent ?? 0,
      r?.pending ?? 0,
      r?.failed ?? 0,
      r?.suppressed ?? 0,
      r?.bounced ?? 0,
      r?.complained ?? 0,
      r?.unsubscribed ?? 0,
    ]),
  );
}

/** An export's file: the facilities are streamed (they grow with the directory), the rest are small. */
export async function exportCsv(name: ExportName): Promise<string | ReadableStream<Uint8Array>> {
  switch (name) {
    case "facilities":
      return facilitiesCsv();
    case "applications":
      return applicationsCsv();
    case "coverage":
      return coverageCsv();
    case "inquiries":
      return inquiriesCsv();
    case "campaigns":
      return campaignsCsv();
  }
}

export function isExportName(name: string): name is ExportName {
  return Object.hasOwn(EXPORTS, name);
}
