/**
 * 実地研修（経験）activities of the かかりつけ医機能報告制度 training (Japan Medical Association,
 * 実施要綱 別紙3 「実地研修（経験）における具体例」, ../shared/seeds/004_*). Each activity earns
 * 5 units; a facility lists the ones a physician can take part in there.
 * Codes are "<category>-<item>" following the document's own numbering.
 */
export type ActivityCategory = { code: string; name: string; activities: Array<{ code: string; name: string }> };

const categories: Array<[string, string[]]> = [
  [
    "地域の時間外・救急対応",
    ["平日夜間・休日輪番業務", "地域行事の救護班", "在宅当番医", "休日夜間急患センター", "電話相談業務"],
  ],
  [
    "行政・医師会等の公益活動",
    [
      "行政等（国・都道府県・保健所・市区町村・自治会等）の委員",
      "医師会・専門医会の委員",
      "警察業務への協力",
      "防災会議への出席",
      "地域医療に関する会議への出席",
      "レセプトの審査委員会への出席",
      "地域ケア会議への出席",
      "障害者認定審査会への出席",
      "介護保険認定審査会への出席",
    ],
  ],
  [
    "地域保健・公衆衛生活動",
    [
      "母子保健（産科健診）",
      "乳幼児保健（1歳6か月児健診・3歳児健診）",
      "学校保健（学校健診、学校医活動）",
      "学校健康教育（性教育、がん教育、禁煙・薬物教育等）",
      "産業保健（地域産業保健センター活動、職場の健康相談、産業医活動）",
      "事業主健診（特定健診・特定保健指導）",
      "高齢者保健（高齢者健診・認知症検診）",
      "予防接種（定期・その他）",
      "がん・成人病検診",
      "市民公開講座（健康講座・介護教室）",
      "精神保健",
      "健康スポーツ医活動",
    ],
  ],
  [
    "多職種連携",
    [
      "訪問診療等の在宅医療ネットワークへの参画",
      "介護保険関連文書の作成（主治医意見書等）",
      "多職種との会合（ケアカンファレンス等）",
      "ACPの策定",
    ],
  ],
  [
    "その他",
    [
      "看護師・准看護師養成所に関する業務",
      "医学部等における地域医療等についての講義・講演",
      "医師会共同利用施設への参画",
      "高齢者の運転免許に関する診断書の作成",
      "成年後見制度における診断書の作成",
      "死体検案",
      "医療DX（地域医療情報連携ネットワーク等への参画等）",
      "医療GX（医療機関等における温室効果ガス削減等の取組等）",
      "論文執筆等の学術活動",
      "高齢者・障害者施設への対応",
      "地域における症例研究（J-DOME等）",
    ],
  ],
];

export const ACTIVITY_CATEGORIES: ReadonlyArray<ActivityCategory> = categories.map(([name, items], i) => ({
  code: String(i + 1),
  name,
  activities: items.map((item, j) => ({ code: `${i + 1}-${j + 1}`, name: item })),
}));

export const ACTIVITIES = ACTIVITY_CATEGORIES.flatMap((c) =>
  c.activities.map((a) => ({ ...a, categoryCode: c.code })),
);
