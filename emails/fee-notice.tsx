import { Button, Text } from "@react-email/components";
import { MailLayout, button, paragraph } from "./layout";

export type FeeNoticeProps = { facilityName: string; headline: string; message: string; amountTotal: string; url: string };

export const feeNoticeSubject = (p: FeeNoticeProps) => `【GMネットワーク】${p.facilityName}：${p.headline}`;

/** Renewal notices before the fiscal year ends, reminders after, and the lapse notice. */
export default function FeeNotice({ facilityName, headline, message, amountTotal, url }: FeeNoticeProps) {
  return (
    <MailLayout preview={headline}>
      <Text style={paragraph}>{facilityName} ご担当者様</Text>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{headline}</Text>
      <Text style={paragraph}>{message}</Text>
      <Text style={paragraph}>登録料：{amountTotal}（税込・1医療機関あたり年額）</Text>
      <Button href={url} style={button}>
        登録料を支払う
      </Button>
      <Text style={paragraph}>銀行振込をご希望の場合は、事務局までご連絡ください。</Text>
    </MailLayout>
  );
}
