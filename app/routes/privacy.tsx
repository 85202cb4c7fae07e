import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "プライバシーポリシー｜GMネットワーク" }];

/**
 * What personal data the site keeps, why, who processes it, and how to ask for disclosure or
 * deletion. The operator is an association (公益社団法人), so the wording follows 個人情報保護法
 * as it applies to private-sector handlers.
 */
export default function Privacy() {
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">プライバシーポリシー</h1>
      <p>
        公益社団法人 全日本病院協会（以下「当協会」）は、GMネットワーク（以下「本サイト」）でお預かりする個人情報を、個人情報の保護に関する法律その他の法令に従い、以下のとおり取り扱います。
      </p>
      <section>
        <h2 className="mb-2 text-xl font-bold">1. お預かりする情報</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>アカウント情報: メールアドレス、パスワード（復元できない形に変換して保存し、当協会も元のパスワードを知ることはできません）、ご利用の立場（医師・医療機関・事務局）</li>
          <li>医師の方: プロフィール（氏名、専門領域、卒後年数、関心のある地域など）と、医療機関とのご相談のやり取り</li>
          <li>医療機関の方: 施設情報、担当者の氏名・連絡先、登録料のお支払い記録</li>
          <li>安全のための記録: ログイン中の端末（ブラウザの種類）、IPアドレス、ログイン試行の回数</li>
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">2. 利用の目的</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>本サイトの提供（医療機関の掲載、検索、医師と医療機関の相談の仲介）</li>
          <li>登録の審査、登録料の請求と領収書の発行</li>
          <li>総合医リカレント実践事業に関するご案内メールの配信（配信停止はいつでもできます）</li>
          <li>不正利用の防止と、お問い合わせへの対応</li>
        </ul>
        <p className="mt-2">これらの目的以外に利用することはありません。法令に基づく場合を除き、ご本人の同意なく第三者に提供しません。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">3. 委託先（処理を任せる事業者）</h2>
        <p className="mb-2">本サイトの運営のため、次の事業者に必要な範囲で情報の取扱いを委託しています。委託先は適切に監督します。</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>Stripe, Inc.（米国）: 登録料のクレジットカード決済。カード番号は当協会のサーバーを通らず、Stripe が直接お預かりします。</li>
          <li>Resend, Inc.（米国）: メールの送信。宛先のメールアドレスとメール本文を扱います。</li>
          <li>検索サービスの提供事業者（Meilisearch をホストする事業者）: 公開中の医療機関情報の検索。医師の個人情報は扱いません。</li>
        </ul>
        <p className="mt-2">外国にある事業者への提供にあたっては、法令に基づき必要な措置を講じます。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">4. 安全管理</h2>
        <p>通信は暗号化し、パスワードは復元できない形で保存します。ログイン中の端末はアカウント画面で確認し、ログアウトさせることができます。相談のやり取りは当事者だけが閲覧でき、事務局は通報があった場合に限り、対応が済むまで確認します。医師の方が相談を始めると、相談先の医療機関には、匿名の場合は専門領域・免許取得後の年数・勤務地の都道府県だけが伝わり、氏名と連絡先はご本人が伝えることを選んだ相談先にだけ伝わります。新着メッセージのお知らせメールには、本文や相手の名前を記載しません。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">5. 開示・訂正・削除のご請求</h2>
        <p>
          ご自身の情報の開示、訂正、利用停止、削除をご希望の場合は、下記の窓口までご連絡ください。ご本人であることを確認のうえ、遅滞なく対応します。
          医師の方は、マイページからご自身のデータをすべてダウンロード（JSON形式）でき、退会（アカウントの削除）もご自身で行えます。退会すると、プロフィールとご自身のメッセージは削除され、相談先には「退会したユーザー」と表示されます。
          医療機関の方のアカウントの削除は、同じ窓口で承ります。
        </p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">6. お問い合わせ窓口</h2>
        <p>
          公益社団法人 全日本病院協会 総合医育成プログラム担当
          <br />
          〒101-0061 東京都千代田区神田三崎町1-4-17 東洋ビル11階
          <br />
          TEL: 03-5283-7441／メール: sougoui@ajha.or.jp
        </p>
      </section>
      <p className="text-sm text-stone-600">制定: 2026年11月</p>
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
