/**
 * Japan's 47 prefectures with their JIS X 0401 codes, and the usual 8 regions.
 * Shared by server and browser (pickers, the coverage grid).
 */
export type RegionCode = "hokkaido" | "tohoku" | "kanto" | "chubu" | "kinki" | "chugoku" | "shikoku" | "kyushu";

export const REGIONS: ReadonlyArray<{ code: RegionCode; name: string }> = [
  { code: "hokkaido", name: "北海道" },
  { code: "tohoku", name: "東北" },
  { code: "kanto", name: "関東" },
  { code: "chubu", name: "中部" },
  { code: "kinki", name: "近畿" },
  { code: "chugoku", name: "中国" },
  { code: "shikoku", name: "四国" },
  { code: "kyushu", name: "九州・沖縄" },
];

export type Prefecture = { code: string; name: string; nameKana: string; regionCode: RegionCode };

const rows: Array<[string, string, RegionCode]> = [
  ["北海道", "ほっかいどう", "hokkaido"],
  ["青森県", "あおもりけん", "tohoku"],
  ["岩手県", "いわてけん", "tohoku"],
  ["宮城県", "みやぎけん", "tohoku"],
  ["秋田県", "あきたけん", "tohoku"],
  ["山形県", "やまがたけん", "tohoku"],
  ["福島県", "ふくしまけん", "tohoku"],
  ["茨城県", "いばらきけん", "kanto"],
  ["栃木県", "とちぎけん", "kanto"],
  ["群馬県", "ぐんまけん", "kanto"],
  ["埼玉県", "さいたまけん", "kanto"],
  ["千葉県", "ちばけん", "kanto"],
  ["東京都", "とうきょうと", "kanto"],
  ["神奈川県", "かながわけん", "kanto"],
  ["新潟県", "にいがたけん", "chubu"],
  ["富山県", "とやまけん", "chubu"],
  ["石川県", "いしかわけん", "chubu"],
  ["福井県", "ふくいけん", "chubu"],
  ["山梨県", "やまなしけん", "chubu"],
  ["長野県", "ながのけん", "chubu"],
  ["岐阜県", "ぎふけん", "chubu"],
  ["静岡県", "しずおかけん", "chubu"],
  ["愛知県", "あいちけん", "chubu"],
  ["三重県", "みえけん", "kinki"],
  ["滋賀県", "しがけん", "kinki"],
  ["京都府", "きょうとふ", "kinki"],
  ["大阪府", "おおさかふ", "kinki"],
  ["兵庫県", "ひょうごけん", "kinki"],
  ["奈良県", "ならけん", "kinki"],
  ["和歌山県", "わかやまけん", "kinki"],
  ["鳥取県", "とっとりけん", "chugoku"],
  ["島根県", "しまねけん", "chugoku"],
  ["岡山県", "おかやまけん", "chugoku"],
  ["広島県", "ひろしまけん", "chugoku"],
  ["山口県", "やまぐちけん", "chugoku"],
  ["徳島県", "とくしまけん", "shikoku"],
  ["香川県", "かがわけん", "shikoku"],
  ["愛媛県", "えひめけん", "shikoku"],
  ["高知県", "こうちけん", "shikoku"],
  ["福岡県", "ふくおかけん", "kyushu"],
  ["佐賀県", "さがけん", "kyushu"],
  ["長崎県", "ながさきけん", "kyushu"],
  ["熊本県", "くまもとけん", "kyushu"],
  ["大分県", "おおいたけん", "kyushu"],
  ["宮崎県", "みやざきけん", "kyushu"],
  ["鹿児島県", "かごしまけん", "kyushu"],
  ["沖縄県", "おきなわけん", "kyushu"],
];

/** JIS X 0401 assigns the codes in this order, 01 北海道 … 47 沖縄県. */
export const PREFECTURES: ReadonlyArray<Prefecture> = rows.map(([name, nameKana, regionCode], i) => ({
  code: String(i + 1).padStart(2, "0"),
  name,
  nameKana,
  regionCode,
}));

const byCode = new Map(PREFECTURES.map((p) => [p.code, p]));

export function prefectureByCode(code: string): Prefecture | undefined {
  return byCode.get(code);
}

export function isPrefectureCode(code: string): boolean {
  return byCode.has(code);
}
