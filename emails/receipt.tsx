import { Button } from "@react-email/button";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type ReceiptMailProps = {
  number: string;
  facilityName: string;
  description: string;
  amountExclTax: string;
  taxRatePercent: number;
  taxAmount: string;
  amountTotal: string;
  paidAt: string;
  issuerName: string;
  registrationNumber: string;
  url: string;
};

export const receiptSubject = (p: ReceiptMailProps) => `【GMネットワーク】領収書（${p.description}）`;

/** The receipt, with every qualified-invoice field, and a link to the printable page. */
export default function ReceiptMail(p: ReceiptMailProps) {
  const row = { fontSize: "15px", lineHeight: "24px", margin: 0 } as const;
  return (
    <MailLayout preview={`${p.description}のお支払いを確認しました`}>
      <Text style={paragraph}>{p.facilityName} 御中</Text>
      <Text style={paragraph}>{p.description}のお支払いを確認しました。ありがとうございます。領収書をお送りします。</Text>
      <Section style={{ border: "1px solid #d1d5db", borderRadius: "6px", padding: "12px 16px", margin: "0 0 16px" }}>
        <Text style={{ ...row, fontWeight: 700 }}>領収書（適格請求書） No. {p.number}</Text>
        <Text style={row}>発行者：{p.issuerName}</Text>
        <Text style={row}>登録番号：{p.registrationNumber || "（未設定）"}</Text>
        <Text style={row}>お支払い日：{p.paidAt}</Text>
        <Text style={row}>内容：{p.description}</Text>
        <Text style={row}>金額（税抜）：{p.amountExclTax}</Text>
        <Text style={row}>
          消費税（{p.taxRatePercent}%対象）：{p.taxAmount}
        </Text>
        <Text style={{ ...row, fontWeight: 700 }}>合計（税込）：{p.amountTotal}</Text>
      </Section>
      <Button href={p.url} style={button}>
        領収書を表示・印刷する
      </Button>
      <Text style={paragraph}>年会費制のため、年度途中で退会された場合の返金はいたしかねます。</Text>
    </MailLayout>
  );
}
