import { Link } from "@remix-run/react";
import { THREAD_TOPICS } from "~/schemas/physician-options";
import { formatJst } from "~/utils/dates";

export type ThreadListItem = { href: string; title: string; subtitle: string; topic: string; status: string; lastMessageAt: string | Date; unread: boolean };

/** Threads, latest activity first; unread ones are marked in words, not colour alone. */
export function ThreadList({ items, empty }: { items: ThreadListItem[]; empty: string }) {
  if (!items.length) return <p className="rounded-lg border border-stone-200 bg-white p-5 text-stone-700">{empty}</p>;
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
      {items.map((t) => (
        <li key={t.href}>
          <Link to={t.href} className={`block px-4 py-3 no-underline hover:bg-stone-50 ${t.unread ? "bg-amber-50" : ""}`}>
            <span className="flex flex-wrap items-center gap-2">
              {t.unread ? <span className="rounded bg-amber-700 px-1.5 py-0.5 text-xs font-bold text-white">未読</span> : null}
              <span className={`text-stone-900 ${t.unread ? "font-bold" : "font-semibold"}`}>{t.title}</span>
              <span className="text-sm text-stone-600">{THREAD_TOPICS.find((x) => x.value === t.topic)?.label}</span>
              {t.status === "CLOSED" ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs">終了</span> : null}
            </span>
            <span className="mt-1 block text-sm text-stone-600">
              {t.subtitle}／最終更新 {formatJst(new Date(t.lastMessageAt))}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
