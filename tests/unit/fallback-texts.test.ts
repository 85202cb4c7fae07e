import { readdirSync } from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { FallbackTexts } from "../../search/fallback-texts.server";

const matched = (texts: FallbackTexts, word: string, size: number) => {
  const into = new Uint8Array(size);
  texts.markMatches(word, into);
  return [...into.keys()].filter((i) => into[i]);
};

describe("the fallback's texts on disk", () => {
  it("finds a word in the slots whose current text holds it, never across two characters or two texts", () => {
    const texts = new FallbackTexts();
    try {
      texts.set(0, "在宅医療に力を入れています");
      texts.set(1, "へき地の診療所です");
      texts.set(2, "abc"); // "bc" read from an odd byte of "abc" must not match "\u6200" and the like
      texts.set(3, "医療");
      expect(matched(texts, "在宅医療", 4)).toEqual([0]);
      expect(matched(texts, "医療", 4)).toEqual([0, 3]);
      expect(matched(texts, "すへ", 4)).toEqual([]); // the end of one text and the start of the next
      expect(matched(texts, "bc", 4)).toEqual([2]);
      expect(matched(texts, String.fromCharCode(0x6200), 4)).toEqual([]);
      // Rewritten and cleared slots: only the current text counts.
      texts.set(0, "小児の救急に対応します");
      texts.clear(3);
      expect(matched(texts, "医療", 4)).toEqual([]);
      expect(matched(texts, "救急", 4)).toEqual([0]);
    } finally {
      texts.close();
    }
  });

  it("reads a large file piece by piece without missing a text at a piece's edge", () => {
    const texts = new FallbackTexts();
    try {
      const n = 30_000; // about 9 MB: several 4 MB pieces
      for (let i = 0; i < n; i++) texts.set(i, `${"地域の医療を一緒に担ってくださる方を歓迎します。".repeat(6)}${i % 997 === 0 ? "看取り" : ""}`);
      const expected = [...Array(n).keys()].filter((i) => i % 997 === 0);
      expect(matched(texts, "看取り", n)).toEqual(expected);
      expect(matched(texts, "歓迎", n)).toHaveLength(n);
    } finally {
      texts.close();
    }
  });

  it("leaves no file behind", () => {
    const texts = new FallbackTexts();
    texts.set(0, "テスト");
    texts.flush();
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith(`gm-search-fallback-${process.pid}-`))).toEqual([]);
    texts.close();
  });
});
