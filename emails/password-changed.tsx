import { Text } from "@react-email/text";
import { MailLayout, paragraph } from "./layout";

export type PasswordChangedProps = { when: string; resetUrl: string };

export const passwordChangedSubject = "【GMネットワーク】パスワードが変更されました";

export default function PasswordChanged({ when, resetUrl }: PasswordChangedProps) {
  return (
    <MailLayout preview="パスワードが変更されました">
      <Text style={paragraph}>{when}に、GMネットワークのパスワードが変更されました。他の端末ではログアウトしました。</Text>
      <Text style={paragraph}>
        お心当たりがない場合は、すぐに次のURLからパスワードを再設定し、事務局までご連絡ください。
      </Text>
      <Text style={{ ...paragraph, wordBreak: "break-all" }}>{resetUrl}</Text>
    </MailLayout>
  );
}
