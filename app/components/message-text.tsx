import { LinkifyIt } from "linkify-it";
import type { ReactNode } from "react";

/**
 * A message as plain text, with web addresses made into links. Only http(s) addresses become
 * links (no javascript:, data: or mailto:), they open in a new tab without giving that tab a
 * handle on this page, and search engines are told not to follow them. React escapes the rest.
 */
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

export function MessageText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of linkify.match(text) ?? []) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(
      <a key={m.index} href={m.url} target="_blank" rel="noopener noreferrer nofollow ugc" className="break-all">
        {m.text}
      </a>,
    );
    last = m.lastIndex;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <p className="whitespace-pre-wrap break-words">{parts}</p>;
}
