import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type ReviewRequestedProps = { facilityName: string; prefectureName: string; kind: "application" | "revision"; url: string };

export const reviewRequestedSubject = (p: ReviewRequestedProps) =>
  `【GMネットワーク事務局】${p.kind === "application" ? "審査依頼" : "掲載内容の修正依頼"}：${p.facilityName}`;

/** To the secretariat when an application or a revision arrives. */
export default function ReviewRequested({ facilityName, prefectureName, kind, url }: ReviewRequestedProps) {
  return (
    <MailLayout preview={`${facilityName}（${prefectureName}）`}>
      <Text style={paragraph}>
        {facilityName}（{prefectureName}）から{kind === "application" ? "登録の申請" : "掲載内容の修正"}が届きました。
      </Text>
      <Button href={url} style={button}>
        審査画面を開く
      </Button>
    </MailLayout>
  );
}
