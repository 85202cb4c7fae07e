import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type OperatorInvitationProps = { operatorName: string; inviterEmail: string; acceptUrl: string; expiresInDays: number };

export const operatorInvitationSubject = (p: OperatorInvitationProps) => `【GMネットワーク】${p.operatorName}の管理メンバーへの招待`;

export default function OperatorInvitation({ operatorName, inviterEmail, acceptUrl, expiresInDays }: OperatorInvitationProps) {
  return (
    <MailLayout preview={`${operatorName}の管理メンバーに招待されました`}>
      <Text style={paragraph}>
        {inviterEmail} さんから、GMネットワークで「{operatorName}」の医療機関情報を管理するメンバーに招待されました。
      </Text>
      <Text style={paragraph}>下のボタンから招待を受けてください。アカウントをお持ちでない場合は、医療機関の職員として新規登録してから受けることができます。</Text>
      <Button href={acceptUrl} style={button}>
        招待を確認する
      </Button>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{acceptUrl}</Text>
      <Text style={paragraph}>この招待の有効期限は{expiresInDays}日です。</Text>
    </MailLayout>
  );
}
