import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

/** The frame every GM Network mail shares: plain, large type, the sender named at the foot. */
export function MailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="ja">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "'Hiragino Sans', 'Noto Sans JP', sans-serif", color: "#1f2937" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", margin: "24px auto", borderRadius: "8px" }}>
          <Text style={{ fontSize: "18px", fontWeight: 700, color: "#0f5132", margin: "0 0 16px" }}>GMネットワーク</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: "12px", color: "#6b7280", lineHeight: "18px" }}>
            このメールは GMネットワーク（総合医リカレント実践事業「診療の場の提供」事業）から送信しています。
            お心当たりのない場合は、このメールを破棄してください。
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "24px", margin: "0 0 12px" } as const;
export const button = {
  backgroundColor: "#0f5132",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  fontSize: "15px",
  textDecoration: "none",
  display: "inline-block",
} as const;
