import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type VerifyEmailProps = { verifyUrl: string; expiresInHours: number };

export const verifyEmailSubject = "【GMネットワーク】メールアドレスの確認";

export default function VerifyEmail({ verifyUrl, expiresInHours }: VerifyEmailProps) {
  return (
    <MailLayout preview="メールアドレスの確認をお願いします">
      <Text style={paragraph}>GMネットワークへのご登録ありがとうございます。</Text>
      <Text style={paragraph}>下のボタンを押して、メールアドレスの確認を完了してください。</Text>
      <Button href={verifyUrl} style={button}>
        メールアドレスを確認する
      </Button>
      <Text style={paragraph}>ボタンが押せない場合は、次のURLをブラウザに貼り付けてください。</Text>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{verifyUrl}</Text>
      <Text style={paragraph}>このリンクの有効期限は{expiresInHours}時間です。</Text>
    </MailLayout>
  );
}
