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
  /** Published listings for the search journey. */
  directory: [
    { slug: "e2e-hokkaido-naika", name: "E2E北の内科病院", prefectureCode: "01", departmentCodes: ["naika", "geka"] },
    { slug: "e2e-hokkaido-shinryo", name: "E2E北の心療内科クリニック", prefectureCode: "01", departmentCodes: ["shinryo-naika"] },
    { slug: "e2e-okinawa-naika", name: "E2E南の内科診療所", prefectureCode: "47", departmentCodes: ["naika"] },
  ],
};
