/** What tests/setup/browser-fixtures.ts creates, for the browser tests to use. */
export const FIXTURES = {
  payer: { email: "payer@e2e.gm-network.example", password: "payer password 1", slug: "e2e-approved" },
  lapsing: { slug: "e2e-lapsing" },
};
