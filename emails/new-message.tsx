import { Button } from "@react-email/button";
import { Text } from "@react-email/text";
import { button, MailLayout, paragraph } from "./layout";

/**
 * "You have a new message." Deliberately without the message, the other party's name or the
 * facility's name: what physicians and facilities write stays on the site, not in mailboxes.
 */
export type NewMessageProps = { threadUrl: string };

export const newMessageSubject = "【GMネットワーク】新しいメッセージが届いています";

export default function NewMessage({ threadUrl }: NewMessageProps) {
  return (
    <MailLayout preview="新しいメッセージが届いています">
      <Text style={paragraph}>GMネットワークのご相談スレッドに、新しいメッセージが届いています。</Text>
      <Text style={paragraph}>内容は、ログインしてサイト上でご確認ください（個人情報保護のため、メールには本文を記載していません）。</Text>
      <Button href={threadUrl} style={button}>
        メッセージを確認する
      </Button>
      <Text style={{ ...paragraph, marginTop: "16px", wordBreak: "break-all" }}>{threadUrl}</Text>
      <Text style={{ ...paragraph, fontSize: "13px", color: "#6b7280" }}>同じスレッドのお知らせは、10分に1通までにしています。</Text>
    </MailLayout>
  );
}
