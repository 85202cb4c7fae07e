import { Form, Link, NavLink } from "@remix-run/react";
import { ROLE_LABEL } from "~/reference/roles";

type HeaderUser = { email: string; role: "PHYSICIAN" | "FACILITY_MEMBER" | "SECRETARIAT"; displayName: string | null; unread: number } | null;


/** Navigation differs by role; links for features still to come are left out, not dead. */
type NavItem = { to: string; label: string; badge?: number };

function navFor(user: HeaderUser): NavItem[] {
  const common: NavItem[] = [
    { to: "/", label: "トップ" },
    { to: "/search", label: "医療機関を探す" },
  ];
  if (!user) return common;
  const messages = (to: string) => ({ to, label: "相談", badge: user.unread });
  const byRole: Record<NonNullable<HeaderUser>["role"], NavItem[]> = {
    PHYSICIAN: [{ to: "/physician", label: "マイページ" }, messages("/physician/threads")],
    FACILITY_MEMBER: [{ to: "/facility", label: "医療機関の管理" }, messages("/facility/inbox")],
    SECRETARIAT: [
      { to: "/secretariat", label: "審査" },
      { to: "/secretariat/reports", label: "通報" },
      { to: "/secretariat/listing-reports", label: "掲載へのお知らせ" },
      { to: "/secretariat/coverage", label: "登録状況" },
      { to: "/secretariat/payments", label: "登録料" },
      { to: "/secretariat/campaigns", label: "案内メール" },
      { to: "/secretariat/imports", label: "取り込み" },
      { to: "/secretariat/exports", label: "出力・事業報告" },
    ],
  };
  return [...common, ...byRole[user.role], { to: "/account", label: "アカウント" }];
}

export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        本文へ移動
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-800 no-underline">
          GMネットワーク
          <span className="ml-2 hidden text-sm font-normal text-stone-600 sm:inline">総合医を目指す医師と地域の医療機関をつなぐ</span>
        </Link>
        <nav aria-label="メインメニュー" className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {navFor(user).map((item) => (
            <NavLink key={item.to} to={item.to} end className={({ isActive }) => (isActive ? "font-semibold text-stone-900 no-underline" : "")}>
              {item.label}
              {item.badge ? (
                <span className="ml-1 rounded-full bg-amber-700 px-2 py-0.5 text-xs font-bold text-white">
                  <span aria-hidden="true">{item.badge}</span>
                  <span className="sr-only">未読{item.badge}件</span>
                </span>
              ) : null}
            </NavLink>
          ))}
          {user ? (
            <>
              <span className="text-sm text-stone-600">
                <span className="mr-1 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-800">{ROLE_LABEL[user.role].short}</span>
                {user.displayName ?? user.email}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md border border-stone-400 px-3 py-1 text-sm hover:bg-stone-100">
                  ログアウト
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">ログイン</Link>
              <Link to="/signup" className="rounded-md bg-brand-700 px-3 py-1.5 text-white no-underline hover:bg-brand-800 hover:text-white">
                新規登録
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter({ devMailbox }: { devMailbox: boolean }) {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-700">
        <nav aria-label="サイト情報" className="mb-3 flex flex-wrap gap-4">
          <Link to="/privacy">プライバシーポリシー</Link>
          <Link to="/terms">利用規約</Link>
          {devMailbox ? <Link to="/dev/mailbox">開発用メールボックス</Link> : null}
        </nav>
        <p>
          GMネットワークは、総合医リカレント実践事業（ReGeneral）「診療の場の提供」事業のサイトです。
          運営: 公益社団法人 全日本病院協会（日本プライマリ・ケア連合学会と連携）
        </p>
      </div>
    </footer>
  );
}
