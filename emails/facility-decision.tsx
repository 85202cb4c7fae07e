import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type FacilityDecisionProps = {
  facilityName: string;
  headline: string;
  message: string;
  comment?: string;
  url: string;
};

/** Every review decision about a listing, mailed to the facility's members. */
export const facilityDecisionSubject = (p: FacilityDecisionProps) => `【GMネットワーク】${p.facilityName}：${p.headline}`;

export default function FacilityDecision({ facilityName, headline, message, comment, url }: FacilityDecisionProps) {
  return (
    <MailLayout preview={`${facilityName}：${headline}`}>
      <Text style={paragraph}>{facilityName} ご担当者様</Text>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{headline}</Text>
      <Text style={paragraph}>{message}</Text>
      {comment ? (
        <Text style={{ ...paragraph, whiteSpace: "pre-wrap", backgroundColor: "#f3f4f6", padding: "12px", borderRadius: "6px" }}>
          事務局からのコメント：{"\n"}
          {comment}
        </Text>
      ) : null}
      <Button href={url} style={button}>
        GMネットワークで確認する
      </Button>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{url}</Text>
    </MailLayout>
  );
}
