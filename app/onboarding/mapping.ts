/**
 * The profile fields a form CSV can fill, and a first guess of which column holds which (by the
 * words in its header). The secretariat confirms or corrects the mapping once; it is remembered
 * for the next file with the same headers.
 */
export const IMPORT_FIELDS = [
  { key: "name", label: "医療機関名", required: true, words: ["医療機関名", "施設名", "病院名", "医療機関の名称", "名称"] },
  { key: "contactEmail", label: "担当者のメールアドレス", required: true, words: ["メールアドレス", "メール", "e-mail", "email"] },
  { key: "operatorName", label: "法人名・開設者名", required: false, words: ["法人名", "開設者", "運営法人", "設置主体"] },
  { key: "nameKana", label: "医療機関名（ふりがな）", required: false, words: ["ふりがな", "フリガナ", "よみがな", "カナ"] },
  { key: "kind", label: "種別（病院・診療所）", required: false, words: ["種別", "病院・診療所", "施設の種類"] },
  { key: "bedCount", label: "病床数", required: false, words: ["病床数", "病床", "ベッド数"] },
  { key: "postalCode", label: "郵便番号", required: false, words: ["郵便番号", "〒"] },
  { key: "prefecture", label: "都道府県", required: false, words: ["都道府県"] },
  { key: "city", label: "市区町村", required: false, words: ["市区町村"] },
  { key: "address", label: "番地・建物名（または住所）", required: false, words: ["住所", "所在地", "番地"] },
  { key: "phone", label: "電話番号", required: false, words: ["電話番号", "電話", "TEL"] },
  { key: "website", label: "ウェブサイト", required: false, words: ["ウェブサイト", "ホームページ", "URL", "HP"] },
  { key: "contactName", label: "担当者の氏名", required: false, words: ["担当者名", "ご担当者", "担当者氏名", "氏名", "お名前"] },
  { key: "contactTitle", label: "担当者の役職", required: false, words: ["役職", "部署"] },
  { key: "contactPhone", label: "担当者の電話番号", required: false, words: ["担当者電話", "担当者の電話", "連絡先電話"] },
  { key: "stance", label: "受け入れと育成の方針", required: false, words: ["方針", "活躍", "受け入れ", "育成"] },
  { key: "hopes", label: "求める医師像", required: false, words: ["医師像", "求める"] },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]["key"];
/** Column header → field key, or "" for a column not imported. */
export type Mapping = Record<string, ImportField | "">;

export function guessMapping(headers: string[]): Mapping {
  const taken = new Set<string>();
  const mapping: Mapping = {};
  // More specific fields first: 担当者の電話 before 電話, メール before 氏名.
  const order = ["contactPhone", "contactEmail", "nameKana", "operatorName", "name", "contactName", "contactTitle", "postalCode", "prefecture", "city", "address", "phone", "website", "bedCount", "kind", "hopes", "stance"];
  for (const key of order) {
    const field = IMPORT_FIELDS.find((f) => f.key === key)!;
    const header = headers.find((h) => !taken.has(h) && field.words.some((w) => h.toLowerCase().includes(w.toLowerCase())));
    if (header) {
      mapping[header] = field.key;
      taken.add(header);
    }
  }
  for (const h of headers) if (!(h in mapping)) mapping[h] = "";
  return mapping;
}

/** Required fields no column is mapped to. */
export function missingRequired(mapping: Mapping) {
  const mapped = new Set(Object.values(mapping));
  return IMPORT_FIELDS.filter((f) => f.required && !mapped.has(f.key));
}
