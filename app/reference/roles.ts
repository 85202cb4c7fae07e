/** How each role is named: short in the header badge, long on the account page. */
export const ROLE_LABEL = {
  PHYSICIAN: { short: "医師", long: "医師" },
  FACILITY_MEMBER: { short: "医療機関", long: "医療機関の職員" },
  SECRETARIAT: { short: "事務局", long: "事務局" },
} as const;

/** Where a person lands after logging in, unless they were on their way somewhere: their own home. */
export const HOME_OF = { PHYSICIAN: "/physician", FACILITY_MEMBER: "/facility", SECRETARIAT: "/secretariat" } as const;
