import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

/** To a facility that applied through the form: its draft is ready to claim. */
export type FacilityClaimProps = { facilityName: string; acceptUrl: string; signupUrl: string; expiresInDays: number };

export const facilityClaimSubject = (p: FacilityClaimProps) => `【GMネットワーク】${p.facilityName}の掲載情報の下書きをご用意しました`;

export default function FacilityClaim({ facilityName, acceptUrl, signupUrl, expiresInDays }: FacilityClaimProps) {
  return (
    <MailLayout preview={`${facilityName}の掲載情報の下書きをご用意しました`}>
      <Text style={paragraph}>{facilityName} ご担当者様</Text>
      <Text style={paragraph}>
        総合医リカレント実践事業「診療の場の提供」へのお申し込みありがとうございます。お申し込みのフォームの内容から、GMネットワークに「{facilityName}」の掲載情報の下書きを用意しました。
      </Text>
      <Text style={paragraph}>
        下のボタンから、このメールアドレスでアカウントを作成（すでにお持ちの場合はログイン）して、下書きを引き継いでください。内容を確認・追記して申請すると、事務局の審査の後に掲載されます。
      </Text>
      <Button href={acceptUrl} style={button}>
        下書きを引き継ぐ
      </Button>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{acceptUrl}</Text>
      <Text style={paragraph}>アカウントをお持ちでない方は、先に {signupUrl} から「医療機関の職員として登録」してください。</Text>
      <Text style={paragraph}>このリンクの有効期限は{expiresInDays}日です。お心当たりのない場合は、このメールを破棄してください。</Text>
    </MailLayout>
  );
}
