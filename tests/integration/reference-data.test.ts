import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { prisma } from "~/utils/db.server";
import { syncReferenceData } from "~/utils/reference-data.server";

describe("prefectures (JIS X 0401)", () => {
  it("has the 47 codes 01–47 in JIS order, 1 都, 1 道, 2 府 and 43 県", () => {
    expect(PREFECTURES.map((p) => p.code)).toEqual(Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, "0")));
    const suffix = (s: string) => (s === "北海道" ? "道" : s.slice(-1));
    const counts = PREFECTURES.reduce<Record<string, number>>((acc, p) => ({ ...acc, [suffix(p.name)]: (acc[suffix(p.name)] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 道: 1, 都: 1, 府: 2, 県: 43 });
    // Spot checks from the JIS table: the first, the last, and a few in between.
    const byCode = Object.fromEntries(PREFECTURES.map((p) => [p.code, p.name]));
    expect(byCode).toMatchObject({ "01": "北海道", "13": "東京都", "26": "京都府", "27": "大阪府", "47": "沖縄県", "23": "愛知県", "40": "福岡県" });
  });

  it("has a kana reading matching each name's suffix", () => {
    for (const p of PREFECTURES) {
      expect(p.nameKana).toMatch(/^[ぁ-ゖー]+$/);
      const expected = p.name === "北海道" ? "どう" : { 都: "と", 府: "ふ", 県: "けん" }[p.name.slice(-1)]!;
      expect(p.nameKana.endsWith(expected), p.name).toBe(true);
    }
  });

  it("groups them into the usual 8 regions", () => {
    expect(REGIONS.map((r) => r.name)).toEqual(["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"]);
    const size = (code: string) => PREFECTURES.filter((p) => p.regionCode === code).length;
    expect(REGIONS.map((r) => size(r.code))).toEqual([1, 6, 7, 9, 7, 5, 4, 8]);
    expect(PREFECTURES.find((p) => p.name === "三重県")?.regionCode).toBe("kinki");
    expect(PREFECTURES.find((p) => p.name === "沖縄県")?.regionCode).toBe("kyushu");
  });
});

describe("specialties, departments, employment forms", () => {
  it("lists the 19 basic specialty areas once each, including 総合診療", () => {
    expect(SPECIALTIES).toHaveLength(19);
    expect(new Set(SPECIALTIES.map((s) => s.name)).size).toBe(19);
    expect(SPECIALTIES.map((s) => s.name)).toEqual(
      expect.arrayContaining(["内科", "外科", "小児科", "産婦人科", "精神科", "救急科", "病理", "臨床検査", "リハビリテーション科", "総合診療"]),
    );
  });

  it("lists medical 標榜診療科 with unique codes and names, none dental", () => {
    expect(new Set(DEPARTMENTS.map((d) => d.code)).size).toBe(DEPARTMENTS.length);
    expect(new Set(DEPARTMENTS.map((d) => d.name)).size).toBe(DEPARTMENTS.length);
    expect(DEPARTMENTS.some((d) => d.name.includes("歯科"))).toBe(false);
    expect(DEPARTMENTS.map((d) => d.name)).toEqual(expect.arrayContaining(["内科", "外科", "小児科", "整形外科", "リハビリテーション科", "耳鼻いんこう科"]));
  });

  it("has the two employment forms", () => {
    expect(EMPLOYMENT_FORMS.map((f) => f.name)).toEqual(["常勤", "非常勤"]);
  });
});

describe("実地研修 activities (seed 004, 別紙3)", () => {
  const seedDir = path.resolve("../shared/seeds");
  const seedFile = existsSync(seedDir) ? readdirSync(seedDir).find((f) => f.startsWith("004_")) : undefined;

  it("has 5 categories and 41 items", () => {
    expect(ACTIVITY_CATEGORIES.map((c) => c.activities.length)).toEqual([5, 9, 12, 4, 11]);
  });

  // The source document sits beside the project in CI and on developer machines; a bare clone
  // without ../shared cannot check against it, and says so rather than pass silently.
  it.skipIf(!seedFile)("matches every category and item of the source document, in order", () => {
    const text = readFileSync(path.join(seedDir, seedFile!), "utf8");
    // 別紙3 runs from its first category heading to the heading of 別紙4.
    const start = text.indexOf("１．地域の時間外・救急対応");
    const end = text.indexOf("（別紙４）", start);
    const section = text.slice(start, end).normalize("NFKC");
    const categories = [...section.matchAll(/^\s*(\d)\.(\S+)\s*$/gm)].map((m) => m[2]);
    expect(categories).toEqual(ACTIVITY_CATEGORIES.map((c) => c.name));
    // Items are "(n)name", sometimes wrapped onto the next line in the source.
    const joined = section.replace(/\n\s*(?=[^\s(・\d])/g, "").replace(/ +/g, "");
    const items = [...joined.matchAll(/^\s*\((\d+)\)(.+)$/gm)].map((m) => m[2]!.trim());
    const ours = ACTIVITY_CATEGORIES.flatMap((c) => c.activities.map((a) => a.name.normalize("NFKC").replace(/ +/g, "")));
    expect(items).toEqual(ours);
  });
});

describe("reference tables", () => {
  it("hold exactly the lists above after the start-up sync, and the sync is idempotent", async () => {
    await syncReferenceData();
    await syncReferenceData();
    expect(await prisma.prefecture.count()).toBe(47);
    expect(await prisma.region.count()).toBe(8);
    expect(await prisma.specialty.count()).toBe(19);
    expect(await prisma.department.count()).toBe(DEPARTMENTS.length);
    expect(await prisma.activityCategory.count()).toBe(5);
    expect(await prisma.activity.count()).toBe(41);
    expect(await prisma.employmentForm.count()).toBe(2);
    const tokyo = await prisma.prefecture.findUniqueOrThrow({ where: { code: "13" }, include: { region: true } });
    expect(tokyo).toMatchObject({ name: "東京都", nameKana: "とうきょうと", region: { name: "関東" } });
    const acp = await prisma.activity.findUniqueOrThrow({ where: { code: "4-4" }, include: { category: true } });
    expect(acp).toMatchObject({ name: "ACPの策定", category: { name: "多職種連携" } });
  });

  it("writes only the rows that differ: a changed row is put back, and a start with nothing changed writes nothing", async () => {
    await syncReferenceData();
    await prisma.department.update({ where: { code: "naika" }, data: { name: "内科（旧）" } });
    await prisma.prefecture.update({ where: { code: "13" }, data: { nameKana: "とうきょう" } });
    await prisma.activity.update({ where: { code: "4-4" }, data: { sortOrder: 99 } });
    expect(await syncReferenceData()).toEqual({ written: 3 });
    expect(await prisma.department.findUniqueOrThrow({ where: { code: "naika" } })).toMatchObject({ name: "内科", sortOrder: 0 });
    expect(await prisma.prefecture.findUniqueOrThrow({ where: { code: "13" } })).toMatchObject({ nameKana: "とうきょうと" });
    expect(await prisma.activity.findUniqueOrThrow({ where: { code: "4-4" } })).toMatchObject({ sortOrder: 3, categoryCode: "4" });
    expect(await syncReferenceData()).toEqual({ written: 0 });
  });
});
