// The report form's choices, without zod (the public page shows them before loading validation).
/** Why someone reports a listing (the public form's choices). */
export const LISTING_REPORT_REASONS = [
  { value: "INACCURATE", label: "内容が事実と異なる" },
  { value: "OUTDATED", label: "情報が古い（受け入れ終了・閉院・移転など）" },
  { value: "UNREACHABLE", label: "連絡先に連絡がつかない" },
  { value: "INAPPROPRIATE", label: "不適切な表現がある" },
  { value: "OTHER", label: "その他" },
] as const;

/** How the secretariat closed a report. */
export const LISTING_REPORT_RESOLUTIONS = [
  { value: "CORRECTED", label: "医療機関が掲載内容を修正した" },
  { value: "REVOKED", label: "掲載を取り消した" },
  { value: "NO_CHANGE", label: "確認の結果、変更は不要" },
] as const;
