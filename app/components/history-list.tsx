/** A listing's audit trail, newest first: when, what, who, and the reason if one was given. */
export type HistoryEntry = { id: string; at: string; label: string; actor: string; comment: string };

export function HistoryList({ title, entries }: { title: string; entries: HistoryEntry[] }) {
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 className="mb-3 text-lg font-bold">{title}</h2>
      <ul className="space-y-2">
        {entries.map((h) => (
          <li key={h.id}>
            <span className="text-sm text-stone-600">{h.at}</span> <span className="font-semibold">{h.label}</span>{" "}
            <span className="text-sm text-stone-600">（{h.actor}）</span>
            {h.comment ? <span className="block whitespace-pre-wrap pl-4 text-stone-800">{h.comment}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
