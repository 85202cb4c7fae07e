import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { MailLayout, button, paragraph } from "./layout";

export type AccountExistsProps = { loginUrl: string; resetUrl: string };

export const accountExistsSubject = "【GMネットワーク】ご登録済みのメールアドレスです";

/** Sent instead of a second sign-up, so the sign-up form never reveals who has an account. */
export default function AccountExists({ loginUrl, resetUrl }: AccountExistsProps) {
  return (
    <MailLayout preview="このメールアドレスはすでに登録されています">
      <Text style={paragraph}>
        このメールアドレスで新規登録のお申し込みがありましたが、すでにアカウントが登録されています。
      </Text>
      <Button href={loginUrl} style={button}>
        ログインする
      </Button>
      <Text style={paragraph}>パスワードをお忘れの場合は、次のURLから再設定できます。</Text>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{resetUrl}</Text>
    </MailLayout>
  );
}
