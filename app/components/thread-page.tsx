import { Form, Link, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { FormAlert, SubmitButton, TextAreaField, useZodForm, type ServerFormResult } from "~/components/forms";
import { MessageText } from "~/components/message-text";
import { MESSAGE_MAX, THREAD_TOPICS } from "~/schemas/physician-options";
import { formatJst } from "~/utils/dates";

/** A thread as either side sees it: messages, a reply box, and what that side may do. */
export type ThreadPageView = {
  id: string;
  topic: string;
  status: "OPEN" | "CLOSED";
  facilityName: string;
  physicianLabel: string;
  anonymous: boolean;
  summary: { specialty: string; yearsSinceLicence: number; prefecture: string } | null;
  disclosure: { name: string; nameKana: string; workplace: string; programParticipant: boolean; email: string | null; phone: string | null; contactNote: string } | null;
  physicianDeleted: boolean;
  blocked: boolean;
  reportedByViewer: boolean;
  messages: Array<{ id: string; side: string; mine: boolean; author: string; body: string; isEvent: boolean; createdAt: string | Date }>;
};

/**
 * The header's unread count is loaded alongside the thread, before the thread is marked read:
 * when this visit read something new, load the page's data once more so the count drops.
 */
export function useRefreshAfterRead(hadUnread: boolean) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (hadUnread) revalidate();
  }, [hadUnread, revalidate]);
}

type Result = (ServerFormResult & { intent?: string }) | null | undefined;

const DONE: Record<string, string> = {
  message: "メッセージを送信しました。",
  close: "スレッドを終了しました。",
  reopen: "スレッドを再開しました。",
  disclose: "氏名と連絡先を医療機関に伝えました。",
  block: "この医師からのメッセージを受け付けないようにしました。",
  unblock: "この医師からのメッセージを再び受け付けるようにしました。",
  report: "事務局に通報しました。事務局が内容を確認します。",
};

function ReplyForm({ result }: { result: Result }) {
  const message = useZodForm(() => import("~/schemas/physician").then((m) => m.messageSchema), result);
  return (
    <Form method="post" noValidate onSubmit={message.onSubmit} className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
      <input type="hidden" name="intent" value="message" />
      <TextAreaField label="返信する" maxLength={MESSAGE_MAX} required rows={5} {...message.field("body")} />
      <SubmitButton pendingText="送信しています…">送信する</SubmitButton>
    </Form>
  );
}

type Disclosure = NonNullable<ThreadPageView["disclosure"]>;

export function ThreadPage({
  view,
  side,
  result,
  done,
  backTo,
  backLabel,
  confirm = null,
  preview = null,
}: {
  view: ThreadPageView;
  side: "PHYSICIAN" | "FACILITY" | "SECRETARIAT";
  result: Result;
  done: string | null;
  backTo: string;
  backLabel: string;
  confirm?: "disclose" | "block" | null;
  preview?: Disclosure | null;
}) {
  const topic = THREAD_TOPICS.find((t) => t.value === view.topic)?.label ?? "";
  const report = useZodForm(() => import("~/schemas/physician").then((m) => m.reportSchema), result?.intent === "report" ? result : null);
  const canWrite = side !== "SECRETARIAT" && view.status === "OPEN" && !view.physicianDeleted && !(side === "PHYSICIAN" && view.blocked);
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-3">
        <Link to={backTo}>← {backLabel}</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">
        {topic}：{side === "PHYSICIAN" ? view.facilityName : view.physicianLabel}
      </h1>
      <p className="mb-4 text-stone-700">
        {side === "PHYSICIAN" ? "相談先" : "医療機関"}：{view.facilityName}／状態：
        <span className={view.status === "OPEN" ? "font-semibold text-emerald-800" : "font-semibold text-stone-600"}>{view.status === "OPEN" ? "相談中" : "終了"}</span>
      </p>
      {done && DONE[done] ? <FormAlert tone="success">{DONE[done]}</FormAlert> : null}
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : null}

      <PhysicianCard view={view} side={side} />

      <ol className="mb-6 space-y-3" aria-label="メッセージ">
        {view.messages.map((m, i) => (
          <li key={m.id} id={i === view.messages.length - 1 ? "latest" : undefined}>
            {m.isEvent ? (
              <p className="rounded bg-stone-100 px-3 py-2 text-center text-sm text-stone-700">
                {m.body}（{formatJst(new Date(m.createdAt))}）
              </p>
            ) : (
              <article className={`rounded-lg border p-4 ${m.mine ? "ml-8 border-brand-200 bg-brand-50" : "mr-8 border-stone-200 bg-white"}`}>
                <header className="mb-2 flex flex-wrap justify-between gap-2 text-sm text-stone-600">
                  <span className="font-semibold text-stone-800">{m.mine ? "あなた" : m.author}</span>
                  <time dateTime={new Date(m.createdAt).toISOString()}>{formatJst(new Date(m.createdAt))}</time>
                </header>
                <MessageText text={m.body} />
              </article>
            )}
          </li>
        ))}
      </ol>

      {canWrite ? (
        // A new form for each new message: what was sent does not stay in the box (it invited sending twice).
        <ReplyForm key={view.messages.at(-1)?.id ?? "first"} result={result?.intent === "message" ? result : null} />
      ) : side === "PHYSICIAN" && view.blocked ? (
        <FormAlert tone="info">この医療機関は現在メッセージを受け付けていません。</FormAlert>
      ) : side !== "SECRETARIAT" && view.status === "CLOSED" ? (
        <FormAlert tone="info">このスレッドは終了しています。続けて相談するときは「スレッドを再開する」を押してください。</FormAlert>
      ) : null}

      {confirm === "disclose" && side === "PHYSICIAN" && view.anonymous && !view.physicianDeleted ? (
        <ConfirmDisclose facilityName={view.facilityName} preview={preview} />
      ) : confirm === "block" && side === "FACILITY" && !view.blocked && !view.physicianDeleted ? (
        <ConfirmBlock />
      ) : side !== "SECRETARIAT" ? (
        <section aria-label="スレッドの操作" className="mb-6 flex flex-wrap gap-3">
          {side === "PHYSICIAN" && view.anonymous && !view.physicianDeleted ? (
            // A link, not a post: it opens the confirmation, with or without JavaScript.
            <Link to="?confirm=disclose#confirm" className={`${OUTLINE} border-brand-700 font-semibold text-brand-800 hover:bg-brand-50`}>
              氏名と連絡先を伝える…
            </Link>
          ) : null}
          {!view.physicianDeleted ? (
            <Form method="post">
              <input type="hidden" name="intent" value={view.status === "OPEN" ? "close" : "reopen"} />
              <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
                {view.status === "OPEN" ? "スレッドを終了する" : "スレッドを再開する"}
              </button>
            </Form>
          ) : null}
          {side === "FACILITY" && !view.physicianDeleted ? (
            view.blocked ? (
              <Form method="post">
                <input type="hidden" name="intent" value="unblock" />
                <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
                  この医師からの受付を再開する
                </button>
              </Form>
            ) : (
              <Link to="?confirm=block#confirm" className={`${OUTLINE} border-stone-400 text-stone-900 hover:bg-stone-100`}>
                この医師からのメッセージを受け付けない…
              </Link>
            )
          ) : null}
        </section>
      ) : null}

      {side !== "SECRETARIAT" ? (
        <details className="rounded-lg border border-stone-200 bg-white p-4" open={result?.intent === "report"}>
          <summary className="cursor-pointer font-semibold">事務局に通報する</summary>
          {view.reportedByViewer ? (
            <p className="mt-3 text-stone-700">通報を受け付けています。事務局が確認します。</p>
          ) : (
            <Form method="post" noValidate onSubmit={report.onSubmit} className="mt-3">
              <p className="mb-3 text-sm text-stone-700">
                不適切なメッセージなどを事務局に知らせます。通報すると、事務局がこのスレッドの内容を確認できるようになります（通報がない限り、事務局はメッセージを見ません）。
              </p>
              <input type="hidden" name="intent" value="report" />
              <TextAreaField label="通報の理由" maxLength={1000} required rows={3} {...report.field("reason")} />
              <SubmitButton>通報する</SubmitButton>
            </Form>
          )}
        </details>
      ) : null}
    </div>
  );
}

const OUTLINE = "inline-block rounded-md border bg-white px-4 py-2 no-underline";

/** The thread's own address without ?confirm, for "やめる". */
function useThreadPath() {
  return useLocation().pathname;
}

function ConfirmPanel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section id="confirm" aria-labelledby="confirm-title" className="mb-6 rounded-lg border-2 border-amber-500 bg-amber-50 p-5">
      <h2 id="confirm-title" className="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function ConfirmDisclose({ facilityName, preview }: { facilityName: string; preview: Disclosure | null }) {
  const back = useThreadPath();
  if (!preview) {
    return (
      <ConfirmPanel title="氏名と連絡先を伝える前に">
        <p className="mb-3">伝える情報がまだ登録されていません。先にプロフィールで氏名と連絡先を登録してください。</p>
        <p className="flex flex-wrap gap-4">
          <Link to="/physician/profile">プロフィールを登録する</Link>
          <Link to={back}>やめる</Link>
        </p>
      </ConfirmPanel>
    );
  }
  return (
    <ConfirmPanel title={`${facilityName}に次の情報を伝えますか`}>
      <dl className="mb-3 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">氏名</dt>
        <dd>
          {preview.name}（{preview.nameKana}）
        </dd>
        <dt className="font-semibold">勤務先の種類</dt>
        <dd>{preview.workplace}</dd>
        <dt className="font-semibold">メール</dt>
        <dd>{preview.email ?? "伝えません（サイトのメッセージで連絡）"}</dd>
        <dt className="font-semibold">電話</dt>
        <dd>{preview.phone ?? "伝えません"}</dd>
        {preview.contactNote ? (
          <>
            <dt className="font-semibold">連絡の希望</dt>
            <dd>{preview.contactNote}</dd>
          </>
        ) : null}
      </dl>
      <p className="mb-4 font-semibold text-amber-900">一度伝えた情報は取り消せません。伝える内容はプロフィールで変更できます。</p>
      <div className="flex flex-wrap items-center gap-4">
        <Form method="post">
          <input type="hidden" name="intent" value="disclose" />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            この内容で伝える
          </button>
        </Form>
        <Link to={back}>やめる</Link>
      </div>
    </ConfirmPanel>
  );
}

function ConfirmBlock() {
  const back = useThreadPath();
  return (
    <ConfirmPanel title="この医師からのメッセージを受け付けないようにしますか">
      <p className="mb-2">この医師は、あなたの医療機関へのすべてのスレッドでメッセージを送れなくなります。医師には「現在メッセージを受け付けていません」と表示されます。</p>
      <p className="mb-4">あとから「この医師からの受付を再開する」で元に戻せます。不適切なメッセージは「事務局に通報する」からお知らせください。</p>
      <div className="flex flex-wrap items-center gap-4">
        <Form method="post">
          <input type="hidden" name="intent" value="block" />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
            受け付けないようにする
          </button>
        </Form>
        <Link to={back}>やめる</Link>
      </div>
    </ConfirmPanel>
  );
}

/** Who the physician is, as far as this viewer may know. */
function PhysicianCard({ view, side }: { view: ThreadPageView; side: string }) {
  if (view.physicianDeleted) return <FormAlert tone="info">相談者は退会しました。</FormAlert>;
  const s = view.summary;
  const d = view.disclosure;
  return (
    <section className="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-label="相談者の情報">
      <h2 className="mb-2 font-bold">{side === "PHYSICIAN" ? "医療機関に伝わっている情報" : "相談者の情報"}</h2>
      {s ? (
        <p className="mb-1">
          専門領域：{s.specialty}／医師免許取得後：{s.yearsSinceLicence}年／勤務地：{s.prefecture}
        </p>
      ) : null}
      {d ? (
        <dl className="grid gap-x-4 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">氏名</dt>
          <dd>
            {d.name}（{d.nameKana}）
          </dd>
          <dt className="font-semibold">勤務先の種類</dt>
          <dd>{d.workplace}</dd>
          <dt className="font-semibold">総合医育成プログラム</dt>
          <dd>{d.programParticipant ? "受講中・受講予定" : "—"}</dd>
          <dt className="font-semibold">メール</dt>
          <dd>{d.email ?? "（サイトのメッセージでの連絡を希望）"}</dd>
          <dt className="font-semibold">電話</dt>
          <dd>{d.phone ?? "—"}</dd>
          {d.contactNote ? (
            <>
              <dt className="font-semibold">連絡の希望</dt>
              <dd>{d.contactNote}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="text-sm text-stone-600">
          {side === "PHYSICIAN"
            ? "氏名と連絡先はまだ伝えていません。伝えてよいと思ったときに「氏名と連絡先を伝える」を押してください。"
            : "相談者は匿名で相談しています。氏名と連絡先は、相談者が伝えることを選んだときに表示されます。"}
        </p>
      )}
    </section>
  );
}
