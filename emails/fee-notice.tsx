import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

/** The year's figures, summed up in the first renewal notice: what the fee brought. */
export type YearFigures = { period: string; views: number; appearances: number; favourites: number; inquiries: number; replies: number };

export type FeeNoticeProps = { facilityName: string; headline: string; message: string; amountTotal: string; url: string; figures?: YearFigures };

export const feeNoticeSubject = (p: FeeNoticeProps) => `【GMネットワーク】${p.facilityName}：${p.headline}`;

/** Renewal notices before the fiscal year ends, reminders after, and the lapse notice. */
export default function FeeNotice({ facilityName, headline, message, amountTotal, url, figures }: FeeNoticeProps) {
  return (
    <MailLayout preview={headline}>
      <Text style={paragraph}>{facilityName} ご担当者様</Text>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{headline}</Text>
      <Text style={paragraph}>{message}</Text>
      {figures ? (
        <Text style={paragraph}>
          この1年（{figures.period}）の掲載の実績：公開ページの閲覧 {figures.views.toLocaleString("ja-JP")}回、検索結果への表示 {figures.appearances.toLocaleString("ja-JP")}回、お気に入りへの追加{" "}
          {figures.favourites.toLocaleString("ja-JP")}件、医師からの相談 {figures.inquiries.toLocaleString("ja-JP")}件（返信 {figures.replies.toLocaleString("ja-JP")}件）。月ごとの数字は管理画面でご覧いただけます。
        </Text>
      ) : null}
      <Text style={paragraph}>登録料：{amountTotal}（税込・1医療機関あたり年額）</Text>
      <Button href={url} style={button}>
        登録料を支払う
      </Button>
      <Text style={paragraph}>銀行振込をご希望の場合は、事務局までご連絡ください。</Text>
    </MailLayout>
  );
}
