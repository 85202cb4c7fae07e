/** What tests/setup/browser-fixtures.ts creates, for the browser tests to use. */
export const FIXTURES = {
  payer: { email: "payer@e2e.gm-network.example", password: "payer password 1", slug: "e2e-approved" },
  lapsing: { slug: "e2e-lapsing" },
  /** Published listings for the search journey. */
  directory: [
    { slug: "e2e-hokkaido-naika", name: "E2E北の内科病院", prefectureCode: "01", departmentCodes: ["naika", "geka"] },
    { slug: "e2e-hokkaido-shinryo", name: "E2E北の心療内科クリニック", prefectureCode: "01", departmentCodes: ["shinryo-naika"] },
    { slug: "e2e-okinawa-naika", name: "E2E南の内科診療所", prefectureCode: "47", departmentCodes: ["naika"] },
  ],
};
