// The physicians' forms' choices and limits, without zod: pages show them before validation loads.

export const WORKPLACE_TYPES = [
  { value: "UNIVERSITY_HOSPITAL", label: "大学病院" },
  { value: "LARGE_HOSPITAL", label: "大規模病院（おおむね200床以上）" },
  { value: "OTHER", label: "その他（中小病院・診療所・休職中など）" },
] as const;

export const LOOKING_FOR = [
  { value: "training", label: "研修・学びの場" },
  { value: "employment", label: "就職・勤務先" },
  { value: "visit", label: "見学" },
] as const;

export const THREAD_TOPICS = [
  { value: "TRAINING", label: "研修の相談" },
  { value: "EMPLOYMENT", label: "就職・勤務の相談" },
  { value: "VISIT", label: "見学の相談" },
  { value: "OTHER", label: "その他" },
] as const;

export const MESSAGE_MAX = 4000;
