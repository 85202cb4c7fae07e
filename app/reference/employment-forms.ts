/** Employment forms a facility can offer; the conditions are agreed between the two parties. */
export const EMPLOYMENT_FORMS: ReadonlyArray<{ code: string; name: string }> = [
  { code: "full-time", name: "常勤" },
  { code: "part-time", name: "非常勤" },
];
