// The facility profile's choices and sections, without zod: pages show them before validation loads.

export const FACILITY_KINDS = [
  { value: "HOSPITAL", label: "病院（20床以上）" },
  { value: "CLINIC", label: "診療所" },
] as const;

export const CONSULTATION_FREQUENCIES = ["随時（診療中も相談できる）", "毎日", "週1回以上", "月1回以上", "必要に応じて"] as const;

/** The sections of the profile, in order (their schemas: facility-profile.ts). */
export const PROFILE_SECTION_TITLES = [
  { key: "basic", title: "基本情報", description: "医療機関名、所在地、標榜診療科など" },
  { key: "stance", title: "受け入れと育成の方針", description: "総合医を目指す医師を迎える方針と、求める医師像" },
  { key: "supervision", title: "指導・相談体制", description: "指導医の有無、相談の方法と頻度" },
  { key: "learning", title: "働きながら学ぶための支援", description: "E-learningの時間確保、勤務調整、総合医育成プログラムの受講支援" },
  { key: "employment", title: "勤務形態", description: "常勤・非常勤、条件の決め方" },
  { key: "activities", title: "実地研修で参加できる活動", description: "かかりつけ医機能報告制度の実地研修（別紙3）のうち、参加できるもの" },
  { key: "contact", title: "担当者（事務局のみ閲覧）", description: "事務局からの連絡先。公開ページには表示されません" },
] as const;

export type SectionKey = (typeof PROFILE_SECTION_TITLES)[number]["key"];

export function sectionTitle(key: string) {
  return PROFILE_SECTION_TITLES.find((s) => s.key === key)?.title ?? null;
}
