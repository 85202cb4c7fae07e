import { Heading } from "@react-email/heading";
import { Link } from "@react-email/link";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { Fragment } from "react";
import { parseBody, type Inline } from "../app/campaigns/body";
import { MailLayout, paragraph } from "./layout";

/** A featured facility, as it stands in the mail (copied from its public listing). */
export type FeaturedFacility = { name: string; place: string; summary: string; url: string };

/**
 * A guidance mail (案内メール) to physicians who opted in. Every one carries the way out: a link
 * to stop guidance mail only (and the List-Unsubscribe headers the campaign worker adds).
 */
export type GuidanceProps = { subject: string; body: string; facilities: FeaturedFacility[]; unsubscribeUrl: string; test?: boolean };

export const guidanceSubject = ({ subject, test }: GuidanceProps) => `${test ? "【テスト送信】" : ""}${subject}`;

function Parts({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.href ? (
          <Link key={i} href={p.href} style={{ color: "#0f5132", textDecoration: "underline" }}>
            {p.text}
          </Link>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

export default function Guidance({ subject, body, facilities, unsubscribeUrl, test }: GuidanceProps) {
  return (
    <MailLayout preview={subject}>
      {test ? <Text style={{ ...paragraph, color: "#b45309" }}>これはテスト送信です。宛先の医師には送られていません。</Text> : null}
      {parseBody(body).map((block, i) =>
        block.kind === "heading" ? (
          <Heading key={i} as="h2" style={{ fontSize: "17px", margin: "20px 0 8px" }}>
            <Parts parts={block.parts} />
          </Heading>
        ) : block.kind === "list" ? (
          <Section key={i} style={{ margin: "0 0 12px" }}>
            {block.items.map((item, j) => (
              <Text key={j} style={{ ...paragraph, margin: "0 0 4px", paddingLeft: "1em", textIndent: "-1em" }}>
                ・<Parts parts={item} />
              </Text>
            ))}
          </Section>
        ) : (
          <Text key={i} style={paragraph}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                <Parts parts={line} />
              </Fragment>
            ))}
          </Text>
        ),
      )}
      {facilities.length > 0 ? (
        <Section style={{ margin: "20px 0 0" }}>
          <Heading as="h2" style={{ fontSize: "17px", margin: "0 0 8px" }}>
            ご紹介する医療機関
          </Heading>
          {facilities.map((f) => (
            <Section key={f.url} style={{ border: "1px solid #e5e7eb", borderRadius: "6px", padding: "12px", margin: "0 0 8px" }}>
              <Text style={{ ...paragraph, fontWeight: 700, margin: "0 0 2px" }}>
                <Link href={f.url} style={{ color: "#0f5132" }}>
                  {f.name}
                </Link>
              </Text>
              <Text style={{ ...paragraph, fontSize: "13px", color: "#4b5563", margin: "0 0 4px" }}>{f.place}</Text>
              {f.summary ? <Text style={{ ...paragraph, fontSize: "14px", margin: 0 }}>{f.summary}</Text> : null}
            </Section>
          ))}
        </Section>
      ) : null}
      <Text style={{ fontSize: "12px", color: "#6b7280", lineHeight: "18px", margin: "20px 0 0" }}>
        このメールは、GMネットワークで案内メールの受け取りに同意された方にお送りしています。今後の案内メールが不要な方は、次のページから配信を停止できます（ほかのお知らせは止まりません）。
        <br />
        <Link href={unsubscribeUrl} style={{ color: "#0f5132" }}>
          案内メールの配信を停止する
        </Link>
      </Text>
    </MailLayout>
  );
}
