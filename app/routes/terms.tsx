import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "利用規約｜GMネットワーク" }];

export default function Terms() {
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">利用規約</h1>
      <p>この規約は、公益社団法人 全日本病院協会（以下「当協会」）が運営する GMネットワーク（以下「本サイト」）の利用条件を定めるものです。</p>
      <section>
        <h2 className="mb-2 text-xl font-bold">第1条（本サイトの目的）</h2>
        <p>本サイトは、総合医リカレント実践事業「診療の場の提供」事業として、総合医を目指す医師と、その受け入れを希望する医療機関とをつなぐことを目的とします。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">第2条（医療機関の登録）</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>登録は医療機関（病院・診療所）単位で行い、登録料は1施設あたり年額30,000円（税別）です。年度は4月1日から翌年3月31日までとします。</li>
          <li>登録料は年会費制のため、年度途中で退会された場合も返金はいたしません。</li>
          <li>掲載内容は運営委員会の確認を経て公開されます。掲載後に内容が事実と異なることが判明した場合、掲載を取り消すことがあります。</li>
          <li>掲載内容はいつでも修正・更新できます。修正内容は確認後に公開されます。</li>
        </ul>
      </section>
      <section id="listing-policy">
        <h2 className="mb-2 text-xl font-bold">掲載内容の確認と掲載取消の方針</h2>
        <p className="mb-2">募集に関する情報は、正確で最新でなければなりません（職業安定法の的確表示義務）。本サイトでは次のとおり対応します。</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>各医療機関のページには、運営委員会が内容を確認した日（掲載情報の確認日）を表示します。</li>
          <li>どなたでも、各医療機関のページの「掲載内容について事務局に知らせる」から、内容の誤りや古さをお知らせいただけます（ログイン不要）。</li>
          <li>事務局はお知らせを確認し、必要に応じて医療機関に修正を依頼します。修正は運営委員会の確認後に公開されます。</li>
          <li>内容が事実と異なり、修正されない場合、受け入れを終了している場合、または登録料が納付されない場合は、掲載を取り消します。取り消した掲載は、検索結果と医療機関のページからただちに外れます。</li>
          <li>対応の結果は医療機関に通知します。お知らせくださった方の氏名・連絡先を医療機関に伝えることはありません。</li>
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">第3条（医師と医療機関のやり取り）</h2>
        <p>研修への参加や雇用の条件は、医療機関と医師の間で直接取り決めるものとし、当協会はその内容に関与せず、責任を負いません。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">第4条（禁止事項）</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>虚偽の情報の登録</li>
          <li>他の利用者へのなりすまし、迷惑行為、営業目的のみの連絡</li>
          <li>本サイトの運営を妨げる行為</li>
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">第5条（個人情報）</h2>
        <p>個人情報は、別に定めるプライバシーポリシーに従って取り扱います。</p>
      </section>
      <section>
        <h2 className="mb-2 text-xl font-bold">第6条（規約の変更）</h2>
        <p>当協会は、必要に応じて本規約を変更することがあります。重要な変更は本サイト上でお知らせします。</p>
      </section>
      <p className="text-sm text-stone-600">制定: 2026年11月</p>
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
