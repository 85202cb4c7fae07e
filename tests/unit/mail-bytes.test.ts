import { describe, expect, it } from "vitest";
import { MAIL_TEMPLATES, renderMail, type MailProps, type MailTemplateName } from "../../emails";

/**
 * Every mail the site sends, rendered with long Japanese text: not one NUL (U+0000) or
 * replacement character (U+FFFD), and the Japanese arrives byte for byte. A NUL cuts the text
 * in many mail clients; React 18's Node renderer pads 2 KB buffers with them.
 */
const LONG = "地域医療を支える総合医を目指す先生を、茨城県の麻酔科・学習時間の確保とともに歓迎します。".repeat(40); // 1,680 characters, ~5 KB
const NAME = "医療法人社団 髙橋会 山﨑内科クリニック（渡邉記念）";
const URL = "https://gm-network.example/facility/facilities/abc";

const SAMPLES: { [T in MailTemplateName]: MailProps<T> } = {
  "verify-email": { verifyUrl: URL, expiresInHours: 24 },
  "reset-password": { resetUrl: URL, expiresInMinutes: 60 },
  "account-exists": { loginUrl: URL, resetUrl: URL },
  "password-changed": { when: "令和8年11月28日 9:00", resetUrl: URL },
  "facility-decision": { facilityName: NAME, headline: "登録が承認されました", message: LONG, comment: LONG, url: URL },
  "operator-invitation": { operatorName: NAME, inviterEmail: "office@example.jp", acceptUrl: URL, expiresInDays: 7 },
  "review-requested": { facilityName: NAME, prefectureName: "茨城県", kind: "application", url: URL },
  receipt: {
    number: "GM-2026-000001", facilityName: NAME, description: "GMネットワーク登録料（令和8年度（2026年度））", amountExclTax: "¥30,000",
    taxRatePercent: 10, taxAmount: "¥3,000", amountTotal: "¥33,000", paidAt: "2026年11月28日", issuerName: "公益社団法人 全日本病院協会",
    registrationNumber: "T1234567890123", url: URL,
  },
  "fee-notice": { facilityName: NAME, headline: "登録料のお支払いのお願い", message: LONG, amountTotal: "¥33,000", url: URL },
  "payment-flagged": { facilityName: NAME, reason: LONG, sessionId: "cs_test_1", url: URL },
  "new-message": { threadUrl: URL },
  "thread-reported": { reportsUrl: URL, reporterSide: "医療機関" },
  "listing-reported": { facilityName: NAME, reason: "情報が古い（受け入れ終了・閉院・移転など）", reportUrl: URL },
  "alert-digest": {
    label: "茨城県・麻酔科・指導医あり",
    facilities: Array.from({ length: 60 }, (_, i) => ({ name: `${NAME}${i}`, place: "茨城県つくば市", url: `${URL}/${i}` })),
    searchUrl: URL,
    unsubscribeUrl: URL,
  },
  "facility-claim": { facilityName: NAME, acceptUrl: URL, signupUrl: URL, expiresInDays: 30 },
  guidance: {
    subject: "【ReGeneral】総合医の研修を受け入れる医療機関のご案内",
    body: `■ 今月の新着\n${LONG}\n\n・茨城県の麻酔科\n・詳しくは https://gm-network.example/search?prefecture=08 をご覧ください`,
    facilities: Array.from({ length: 5 }, (_, i) => ({ name: `${NAME}${i}`, place: "茨城県つくば市", summary: LONG.slice(0, 80), url: `${URL}/${i}` })),
    unsubscribeUrl: URL,
  },
};

describe("mail bytes", () => {
  it.each(Object.keys(MAIL_TEMPLATES) as MailTemplateName[])("%s has no NUL and no U+FFFD, and keeps its Japanese exact", async (template) => {
    const { subject, html, text } = await renderMail(template, SAMPLES[template] as never);
    for (const [part, value] of Object.entries({ subject, html, text })) {
      expect(value.includes("\u0000"), `${part} has NUL`).toBe(false);
      expect(value.includes("\uFFFD"), `${part} has U+FFFD`).toBe(false);
      expect(Buffer.from(value, "utf8").includes(0), `${part} bytes`).toBe(false);
    }
    const sample = SAMPLES[template] as Record<string, unknown>;
    if (typeof sample.message === "string") expect(text.replace(/\s+/g, "")).toContain(LONG);
    if (typeof sample.body === "string") expect(text.replace(/\s+/g, "")).toContain(LONG);
    if (typeof sample.facilityName === "string") expect(html).toContain("髙橋会 山﨑内科クリニック（渡邉記念）");
  });
});
