import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type PaymentFlaggedProps = { facilityName: string; reason: string; sessionId: string; url: string };

export const paymentFlaggedSubject = (p: PaymentFlaggedProps) => `【GMネットワーク事務局】支払いの確認が必要です：${p.facilityName}`;

/** To the secretariat: a payment that could not be counted automatically. */
export default function PaymentFlagged({ facilityName, reason, sessionId, url }: PaymentFlaggedProps) {
  return (
    <MailLayout preview={reason}>
      <Text style={paragraph}>{facilityName}の支払いについて、確認が必要です。</Text>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{reason}</Text>
      <Text style={paragraph}>Checkout Session: {sessionId}</Text>
      <Button href={url} style={button}>
        登録料の一覧を開く
      </Button>
    </MailLayout>
  );
}
