import { Link, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { HOME_OF, ROLE_LABEL } from "~/reference/roles";

type RootData = { user: { role: keyof typeof HOME_OF } | null } | undefined;

/** What each failure means to the person who met it, and what they can do next. */
const EXPLANATION: Record<string, { title: string; body: string }> = {
  400: { title: "送信内容を受け付けられませんでした", body: "ページが古くなっている可能性があります。ページを開き直してから、もう一度お試しください。" },
  403: {
    title: "このページを表示する権限がありません",
    body: "別のアカウントでログインしているか、このページを扱う立場にないためです。必要な場合は、ログインし直すか事務局にお問い合わせください。",
  },
  404: { title: "ページが見つかりません", body: "URLが間違っているか、ページが削除された可能性があります。" },
  410: { title: "このページは公開を終了しました", body: "掲載や受付が終了したため、表示できません。" },
  429: { title: "短時間に操作が集中しました", body: "しばらく時間をおいてから、もう一度お試しください。" },
  503: { title: "ただいま混み合っています", body: "しばらく時間をおいてから、もう一度お試しください。" },
  500: {
    title: "エラーが発生しました",
    body: "申し訳ありません。処理を完了できませんでした。時間をおいてもう一度お試しください。続く場合は事務局にお知らせください。",
  },
};

export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

export function explanationFor(status: number): { title: string; body: string } {
  return EXPLANATION[status] ?? EXPLANATION[status >= 500 ? 500 : 400]!;
}

/**
 * Every page route exports this as its ErrorBoundary, so a failure replaces only that page:
 * the header and its menu stay, the message says what happened in Japanese, and the links
 * lead back to the person's own home, the search and the top page.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as RootData;
  const status = errorStatus(error);
  const { title, body } = explanationFor(status);
  const role = root?.user?.role;
  if (status >= 500 && !isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="mx-auto max-w-xl" data-error-status={status}>
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      <p className="mb-6">{body}</p>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {role ? (
          <li>
            <Link to={HOME_OF[role]}>{ROLE_LABEL[role].short}のページへ戻る</Link>
          </li>
        ) : null}
        <li>
          <Link to="/search">医療機関を探す</Link>
        </li>
        <li>
          <Link to="/">トップページへ</Link>
        </li>
        {status === 403 && !role ? (
          <li>
            <Link to="/login">ログイン</Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
