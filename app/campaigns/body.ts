import { LinkifyIt } from "linkify-it";

/**
 * A campaign's body is plain text the secretariat types, with three simple forms: a blank line
 * starts a new paragraph, a line starting with 「■」 or "## " is a heading, a line starting with
 * 「・」 or "- " is a list item. Web addresses (http/https only) become links. The same blocks
 * make the HTML mail, the text mail and the preview, so what is previewed is what is sent.
 */
export type Inline = { text: string; href?: string };
export type Block = { kind: "heading"; parts: Inline[] } | { kind: "paragraph"; lines: Inline[][] } | { kind: "list"; items: Inline[][] };

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

export function inlineParts(line: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const m of linkify.match(line) ?? []) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > last) parts.push({ text: line.slice(last, m.index) });
    parts.push({ text: m.text, href: m.url });
    last = m.lastIndex;
  }
  if (last < line.length) parts.push({ text: line.slice(last) });
  return parts;
}

const HEADING = /^(?:■|##\s+)\s*/;
const ITEM = /^(?:・|[-*]\s+)\s*/;

export function parseBody(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
    let paragraph: Inline[][] = [];
    let list: Inline[][] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: "paragraph", lines: paragraph });
      if (list.length) blocks.push({ kind: "list", items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (HEADING.test(line)) {
        flush();
        blocks.push({ kind: "heading", parts: inlineParts(line.replace(HEADING, "")) });
      } else if (ITEM.test(line)) {
        if (paragraph.length) flush();
        list.push(inlineParts(line.replace(ITEM, "")));
      } else {
        if (list.length) flush();
        paragraph.push(inlineParts(line));
      }
    }
    flush();
  }
  return blocks;
}
