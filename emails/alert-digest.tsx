import { Button } from "@react-email/button";
import { Link } from "@react-email/link";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { button, MailLayout, paragraph } from "./layout";

/** The daily digest of newly published facilities matching one saved search. */
export type AlertDigestProps = {
  label: string;
  facilities: Array<{ name: string; place: string; url: string }>;
  searchUrl: string;
  unsubscribeUrl: string;
};

export const alertDigestSubject = (p: AlertDigestProps) => `【GMネットワーク】新しく掲載された医療機関（${p.facilities.length}件）`;

export default function AlertDigest({ label, facilities, searchUrl, unsubscribeUrl }: AlertDigestProps) {
  return (
    <MailLayout preview={`「${label}」に新しく掲載された医療機関があります`}>
      <Text style={paragraph}>保存した条件「{label}」に合う医療機関が、新しく掲載されました。</Text>
      <Section>
        {facilities.map((f) => (
          <Text key={f.url} style={paragraph}>
            <Link href={f.url}>{f.name}</Link>（{f.place}）
          </Text>
        ))}
      </Section>
      <Button href={searchUrl} style={button}>
        この条件で検索する
      </Button>
      <Text style={{ ...paragraph, marginTop: "24px", fontSize: "13px", color: "#6b7280" }}>
        このお知らせが不要になったときは、次のリンクから配信を停止できます（ログインは不要です）。
      </Text>
      <Text style={{ ...paragraph, fontSize: "13px", wordBreak: "break-all" }}>
        <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
      </Text>
    </MailLayout>
  );
}
