import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { button, MailLayout, paragraph } from "./layout";

/** To the secretariat: someone reported a listing. The report's text stays on the site. */
export type ListingReportedProps = { facilityName: string; reason: string; reportUrl: string };

export const listingReportedSubject = ({ facilityName }: ListingReportedProps) => `【GMネットワーク】掲載内容についてのお知らせ：${facilityName}`;

export default function ListingReported({ facilityName, reason, reportUrl }: ListingReportedProps) {
  return (
    <MailLayout preview={`${facilityName}の掲載内容についてお知らせがありました`}>
      <Text style={paragraph}>
        「{facilityName}」の掲載内容について、サイトの利用者からお知らせがありました（種類：{reason}）。事務局の画面で内容を確認し、対応を記録してください。
      </Text>
      <Button href={reportUrl} style={button}>
        お知らせを確認する
      </Button>
    </MailLayout>
  );
}
