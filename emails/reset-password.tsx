import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type ResetPasswordProps = { resetUrl: string; expiresInMinutes: number };

export const resetPasswordSubject = "【GMネットワーク】パスワードの再設定";

export default function ResetPassword({ resetUrl, expiresInMinutes }: ResetPasswordProps) {
  return (
    <MailLayout preview="パスワード再設定のご案内">
      <Text style={paragraph}>パスワード再設定のお申し込みを受け付けました。</Text>
      <Text style={paragraph}>下のボタンから新しいパスワードを設定してください。</Text>
      <Button href={resetUrl} style={button}>
        パスワードを再設定する
      </Button>
      <Text style={paragraph}>ボタンが押せない場合は、次のURLをブラウザに貼り付けてください。</Text>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{resetUrl}</Text>
      <Text style={paragraph}>
        このリンクの有効期限は{expiresInMinutes}分で、一度だけ使えます。お申し込みに心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。
      </Text>
    </MailLayout>
  );
}
