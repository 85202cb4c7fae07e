// The campaign forms' choices, without zod: pages show them before validation loads.

export const PARTICIPATION_OPTIONS = [
  { value: "any", label: "参加の有無を問わない" },
  { value: "participants", label: "総合医育成プログラムの参加者のみ" },
  { value: "others", label: "参加者以外のみ" },
] as const;
