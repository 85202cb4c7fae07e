/** Japanese input as people type it, shared by the browser and the server (forms, search). */

/**
 * A reading (ふりがな) as it is stored: hiragana, whatever width or script it was typed in, with
 * single spaces. ヴ becomes ゔ; the long-vowel mark is kept as typed.
 */
export function hiraganaReading(input: string): string {
  let out = "";
  for (const ch of input.normalize("NFKC").replace(/[\s\u3000]+/g, " ").trim()) {
    const c = ch.codePointAt(0)!;
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCodePoint(c - 0x60) : ch;
  }
  return out;
}
