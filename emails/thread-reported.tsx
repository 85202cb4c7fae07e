import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { button, MailLayout, paragraph } from "./layout";

/** To the secretariat: a thread was reported. The reason is the reporter's; no message text. */
export type ThreadReportedProps = { reportsUrl: string; reporterSide: string };

export const threadReportedSubject = "【GMネットワーク】相談スレッドの通報がありました";

export default function ThreadReported({ reportsUrl, reporterSide }: ThreadReportedProps) {
  return (
    <MailLayout preview="相談スレッドの通報がありました">
      <Text style={paragraph}>{reporterSide}から、相談スレッドの通報がありました。事務局の画面で内容をご確認ください。</Text>
      <Button href={reportsUrl} style={button}>
        通報を確認する
      </Button>
    </MailLayout>
  );
}
