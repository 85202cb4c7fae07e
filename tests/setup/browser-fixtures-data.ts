/** What tests/setup/browser-fixtures.ts creates, for the browser tests to use. */
export const FIXTURES = {
  payer: { email: "payer@e2e.gm-network.example", password: "payer password 1", slug: "e2e-approved" },
  lapsing: { slug: "e2e-lapsing" },
  /** A published listing with a member who answers inquiries, and a physician with no profile yet. */
  inquiry: {
    slug: "e2e-inquiry",
    name: "E2E相談テスト診療所",
    prefectureCode: "39",
    member: { email: "inbox@e2e.gm-network.example", password: "inbox password 1" },
    physician: { email: "doctor@e2e.gm-network.example", password: "doctor password 1" },
  },
  /**
   * Every page of every role, for the page tour (tests/browser/pages.test.ts): a physician with a
   * profile and a thread with a published facility, whose member also has one in review.
   */
  tour: {
    slug: "e2e-tour",
    name: "E2E見学ツアー病院",
    inReview: "E2E審査中クリニック",
    member: { email: "tour-member@e2e.gm-network.example", password: "tour member password 1" },
    physician: { email: "tour-doctor@e2e.gm-network.example", password: "tour doctor password 1" },
  },
  /** A published listing whose member adds photographs (tests/browser/photos.test.ts). */
  photos: {
    slug: "e2e-photos",
    name: "E2E写真テスト病院",
    member: { email: "photos@e2e.gm-network.example", password: "photos password 1" },
  },
  /** A draft guidance campaign and an uploaded form CSV waiting for review, for the page tour. */
  campaign: { subject: "E2E案内メールの下書き（京都府）" },
  formImport: { fileName: "e2e-参加申請フォーム.csv" },
  /** Published listings for the search journey. */
  directory: [
    { slug: "e2e-hokkaido-naika", name: "E2E北の内科病院", prefectureCode: "01", departmentCodes: ["naika", "geka"] },
    { slug: "e2e-hokkaido-shinryo", name: "E2E北の心療内科クリニック", prefectureCode: "01", departmentCodes: ["shinryo-naika"] },
    { slug: "e2e-okinawa-naika", name: "E2E南の内科診療所", prefectureCode: "47", departmentCodes: ["naika"] },
  ],
  /**
   * Many listings with long Japanese text, for the byte checks (tests/browser/bytes.test.ts):
   * 茨城県, so no other journey sees them.
   */
  bulk: {
    prefectureCode: "08",
    count: 55,
    long: {
      slug: "e2e-long-text",
      name: "医療法人社団 髙橋会 山﨑記念病院",
      stance: "総合医を目指す先生を、茨城県の地域医療の現場で心から歓迎します。麻酔科や外科から転向された先生も活躍しています。".repeat(35),
      hopes: "学習時間の確保と、指導医による振り返りを大切にしています。".repeat(30),
    },
  },
};
