import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "~/onboarding/csv-file.server";
import { runFacilityImports } from "~/onboarding/imports.server";
import { action as detailAction, loader as detailLoader } from "~/routes/secretariat.imports.$importId";
import { action as uploadAction } from "~/routes/secretariat.imports._index";
import { action as acceptAction } from "~/routes/invitations.$token";
import { prisma } from "~/utils/db.server";
import { lastMailTo, signedIn } from "../helpers/factories";
import { BASE, context, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });

/** What the Google Form exports: a timestamp, the address it collected, then the questions. */
const HEADERS = ["タイムスタンプ", "メールアドレス", "医療機関名", "法人名", "都道府県", "住所", "電話番号", "病床数", "ご担当者名", "役職", "受け入れの方針"];
const ROWS = [
  ["2026/10/01 9:12:33", "jimu@yamazaki-hp.example.jp", "社会医療法人 渡邉会 山﨑記念病院", "社会医療法人 渡邉会", "茨城県", "茨城県つくば市天久保２丁目１－１", "０２９－８５３－３９００", "199", "髙橋 祐介", "事務長", "地域で総合診療を学びたい先生を歓迎します。"],
  ["2026/10/02 14:01:00", "ｉｎｆｏ＠kita-clinic.example.jp", "つくば北診療所", "", "", "茨城県つくば市北条５０", "029-867-0000", "十九", "佐藤 花子", "", ""],
  ["2026/10/03 8:00:00", "", "名無し医院", "", "北海道", "", "", "", "", "", ""],
  ["2026/10/04 8:00:00", "x@example.jp", "=HYPERLINK(\"http://evil.example\",\"病院\")", "", "東京都", "", "", "", "", "", ""],
  ["2026/10/05 8:00:00", "y@example.jp", "<script>alert(1)</script>医院", "", "東京都", "", "", "", "", "", ""],
  ["2026/10/06 8:00:00", "JIMU@yamazaki-hp.example.jp", "社会医療法人 渡邉会 山﨑記念病院", "", "茨城県", "", "", "", "", "", ""],
];

function csv(headers: string[], rows: string[][]) {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [headers, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

function upload(bytes: Uint8Array<ArrayBufferLike>, cookie: string, name = "参加申請フォーム（回答）.csv") {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name, { type: "text/csv" }));
  return uploadAction(args(new Request(`${BASE}/secretariat/imports`, { method: "POST", headers: { Cookie: cookie, Origin: BASE }, body: form })));
}

async function uploaded(bytes: Uint8Array, cookie: string) {
  const response = await responseOf(() => upload(bytes, cookie));
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.split("/").pop()!;
}

describe("bulk onboarding from the application form", () => {
  it("reads Shift_JIS, UTF-8 and UTF-8 with a BOM alike, and refuses what is not a CSV in Japanese", () => {
    const text = csv(HEADERS, ROWS);
    for (const [bytes, encoding] of [
      [iconv.encode(text, "shift_jis"), "Shift_JIS"],
      [Buffer.from(text, "utf8"), "UTF-8"],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "UTF-8（BOM付き）"],
      [iconv.encode(text, "utf-16le", { addBOM: true }), "UTF-16"],
    ] as const) {
      const decoded = decodeCsv(new Uint8Array(bytes));
      expect(decoded).toMatchObject({ ok: true, encoding });
      expect(decoded.ok && decoded.text.includes("社会医療法人 渡邉会 山﨑記念病院")).toBe(true);
    }
    expect(decodeCsv(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({ ok: false, message: expect.stringContaining("Excelのファイル（.xlsx）は読み込めません") });
    expect(decodeCsv(new Uint8Array([0x82, 0xa0, 0xff, 0xfe, 0x80, 0x80, 0xff]))).toMatchObject({ ok: false });
  });

  it("previews every row with its problems, imports the valid rows as drafts with an invitation each, and never twice", async () => {
    const office = await signedIn("SECRETARIAT", "office-import@example.jp");
    const id = await uploaded(new Uint8Array(iconv.encode(csv(HEADERS, ROWS), "shift_jis")), office.cookie);
    const preview = await detailLoader(args(getRequest(`/secretariat/imports/${id}`, { cookie: office.cookie }), { importId: id }));
    expect(preview.encoding).toBe("Shift_JIS");
    // Guessed from the headers: the required fields are mapped.
    expect(preview.mapping).toMatchObject({ メールアドレス: "contactEmail", 医療機関名: "name", 法人名: "operatorName", 都道府県: "prefecture", 住所: "address", 電話番号: "phone", 病床数: "bedCount", ご担当者名: "contactName", 役職: "contactTitle", 受け入れの方針: "stance", タイムスタンプ: "" });
    expect(preview.counts).toMatchObject({ total: 6, valid: 2, error: 4 });
    const byLine = new Map(preview.rows.map((r) => [r.line, r]));
    expect(byLine.get(3)?.warnings).toContain("病床数「十九」は数字ではないため、空欄で取り込みます。");
    expect(byLine.get(4)?.errors).toContain("担当者のメールアドレスがありません（招待メールの宛先になります）。");
    expect(byLine.get(5)?.errors[0]).toContain("数式のような値");
    expect(byLine.get(6)?.errors).toContain("「医療機関名」にHTMLのタグが含まれています。文章だけにしてください。");
    expect(byLine.get(7)?.errors).toContain("2行目と同じ医療機関・メールアドレスです（重複した回答）。");

    // Nothing is created before the import is started.
    expect(await prisma.facility.count()).toBe(0);
    expect((await responseOf(() => detailAction(args(postForm(`/secretariat/imports/${id}`, { intent: "start" }, { cookie: office.cookie }), { importId: id })))).status).toBe(302);
    const run = await runFacilityImports({ chunk: 1 });
    expect(run).toMatchObject({ created: 2, done: true });
    const done = await detailLoader(args(getRequest(`/secretariat/imports/${id}`, { cookie: office.cookie }), { importId: id }));
    expect(done.progress).toMatchObject({ processed: 2, total: 2, created: 2 });

    const drafts = await prisma.facilityProfile.findMany({ where: { stage: "DRAFT" }, include: { facility: { include: { operator: true } } }, orderBy: { name: "asc" } });
    expect(drafts.map((p) => p.name).sort()).toEqual(["つくば北診療所", "社会医療法人 渡邉会 山﨑記念病院"].sort());
    const hospital = drafts.find((p) => p.name.includes("山﨑"))!;
    expect(hospital).toMatchObject({ prefectureCode: "08", address: "つくば市天久保2丁目1-1", phone: "029-853-3900", bedCount: 199, contactName: "髙橋 祐介", contactTitle: "事務長", contactEmail: "jimu@yamazaki-hp.example.jp", savedSections: [] });
    expect(hospital.facility.operator.name).toBe("社会医療法人 渡邉会");
    expect(hospital.facility.status).toBe("DRAFT");
    const clinic = drafts.find((p) => p.name === "つくば北診療所")!;
    expect(clinic).toMatchObject({ prefectureCode: "08", contactEmail: "info@kita-clinic.example.jp", bedCount: null });

    // The same file again: nothing twice.
    const again = await uploaded(new Uint8Array(Buffer.from(csv(HEADERS, ROWS), "utf8")), office.cookie);
    const second = await detailLoader(args(getRequest(`/secretariat/imports/${again}`, { cookie: office.cookie }), { importId: again }));
    expect(second.counts).toMatchObject({ valid: 0, imported: 2 });
    const refused = unwrap<{ error: string }>(await detailAction(args(postForm(`/secretariat/imports/${again}`, { intent: "start" }, { cookie: office.cookie }), { importId: again })));
    expect(refused.data.error).toBe("取り込める行がありません。エラーの内容を確認してください。");
    expect(await prisma.facility.count()).toBe(2);

    // The contact claims its draft from the invitation.
    const mail = await lastMailTo("jimu@yamazaki-hp.example.jp");
    expect(mail?.subject).toBe("【GMネットワーク】社会医療法人 渡邉会 山﨑記念病院の掲載情報の下書きをご用意しました");
    const token = mail!.link!.split("/invitations/")[1]!;
    const staff = await signedIn("FACILITY_MEMBER", "jimu@yamazaki-hp.example.jp");
    expect((await responseOf(() => acceptAction(args(postForm(`/invitations/${token}`, {}, { cookie: staff.cookie }), { token })))).status).toBe(302);
    expect(await prisma.operatorMember.count({ where: { userId: staff.user.id, operatorId: hospital.facility.operatorId } })).toBe(1);
    expect((await detailLoader(args(getRequest(`/secretariat/imports/${id}`, { cookie: office.cookie }), { importId: id }))).claimed).toBe(1);
  });

  it("remembers the column mapping for the next file with the same headers, refuses a field mapped twice, and refuses broken files", async () => {
    const office = await signedIn("SECRETARIAT");
    const headers = ["回答日時", "連絡先", "施設", "所在地"];
    const rows = [["2026/10/01", "a@example.jp", "朝日町診療所", "富山県下新川郡朝日町"]];
    const id = await uploaded(new Uint8Array(Buffer.from(csv(headers, rows), "utf8")), office.cookie);
    const first = await detailLoader(args(getRequest(`/secretariat/imports/${id}`, { cookie: office.cookie }), { importId: id }));
    expect(first.missing).toEqual(["医療機関名", "担当者のメールアドレス"]);
    const twice = unwrap<{ error: string }>(
      await detailAction(args(postForm(`/secretariat/imports/${id}`, { intent: "mapping", "col:連絡先": "contactEmail", "col:施設": "contactEmail" }, { cookie: office.cookie }), { importId: id })),
    );
    expect(twice.data.error).toBe("「担当者のメールアドレス」に2つの列（「連絡先」と「施設」）が割り当てられています。1つにしてください。");
    await detailAction(args(postForm(`/secretariat/imports/${id}`, { intent: "mapping", "col:連絡先": "contactEmail", "col:施設": "name", "col:所在地": "address", "col:回答日時": "" }, { cookie: office.cookie }), { importId: id }));
    const next = await uploaded(new Uint8Array(Buffer.from(csv(headers, [["2026/10/02", "b@example.jp", "入善町の医院", "富山県下新川郡入善町"]]), "utf8")), office.cookie);
    const remembered = await detailLoader(args(getRequest(`/secretariat/imports/${next}`, { cookie: office.cookie }), { importId: next }));
    expect(remembered.mapping).toMatchObject({ 連絡先: "contactEmail", 施設: "name", 所在地: "address" });
    expect(remembered.counts.valid).toBe(1);

    for (const [bytes, message] of [
      [Buffer.from("", "utf8"), "取り込むCSVファイルを選んでください。"],
      [Buffer.from("医療機関名,メールアドレス\r\n", "utf8"), "見出しの行だけで、回答の行がありません。"],
      [Buffer.from("医療機関名,医療機関名\r\nA,b@example.jp\r\n", "utf8"), "見出し「医療機関名」が2つあります。"],
      [Buffer.from('医療機関名,メール\r\n"閉じない,a@example.jp\r\n', "utf8"), "CSVとして読み取れませんでした"],
      [Buffer.from(`医療機関名,メール\r\n${"A,a@example.jp\r\n".repeat(10_001)}`, "utf8"), "行が多すぎます（10,001行）"],
    ] as const) {
      const refused = unwrap<{ error: string }>(await upload(new Uint8Array(bytes), office.cookie));
      expect(refused.status).toBe(400);
      expect(refused.data.error).toContain(message);
    }
    const member = await signedIn("FACILITY_MEMBER");
    expect((await responseOf(() => upload(new Uint8Array(Buffer.from(csv(headers, rows))), member.cookie))).status).toBe(403);
  });

  it("resumes an import cut off mid-way without creating anything twice", async () => {
    const office = await signedIn("SECRETARIAT");
    const rows = Array.from({ length: 25 }, (_, i) => ["2026/10/01", `clinic${i}@example.jp`, `みどり町クリニック第${i + 1}`, "", "長野県", "", "", "", "", "", ""]);
    const id = await uploaded(new Uint8Array(iconv.encode(csv(HEADERS, rows), "shift_jis")), office.cookie);
    await detailAction(args(postForm(`/secretariat/imports/${id}`, { intent: "start" }, { cookie: office.cookie }), { importId: id }));
    // A worker stops after the first chunk (as if the process were stopped).
    const controller = new AbortController();
    const first = await runFacilityImports({ chunk: 10, signal: controller.signal, leaseMs: 1, onProgress: () => controller.abort() });
    expect(first?.done).toBe(false);
    expect(await prisma.facility.count()).toBe(10);
    expect((await detailLoader(args(getRequest(`/secretariat/imports/${id}`, { cookie: office.cookie }), { importId: id }))).progress).toMatchObject({ processed: 10, total: 25 });
    const second = await runFacilityImports({ chunk: 10 });
    expect(second?.done).toBe(true);
    expect(await prisma.facility.count()).toBe(25);
    expect(await prisma.operatorInvitation.count()).toBe(25);
    expect((await prisma.facilityImport.findUniqueOrThrow({ where: { id } })).created).toBe(25);
  });
});
