/** Japanese input as people type it, shared by the browser and the server (forms, search). */

/**
 * A reading (ふりがな) as it is stored: hiragana, whatever width or script it was typed in, with
 * single spaces. ヴ becomes ゔ; the long-vowel mark is kept as typed.
 */
export function hiraganaReading(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, " ")
    .trim()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}
