import { toKana, toRomaji } from "wanakana";
import { hiraganaReading } from "../app/utils/japanese";

export { hiraganaReading };

/**
 * One text fold for search (docs/decisions/0010-japanese-text.md). Applied to a listing's text
 * when it is indexed and to what a person types, by every engine and by the alert matcher, so
 * the same words meet whichever way they were written. The displayed text is never folded.
 *
 * foldText, in order:
 * 1. Unicode NFKC: full-width Latin and digits to half width (ＡＢＣ→ABC, ２→2), half-width
 *    katakana to full width (ｸﾘﾆｯｸ→クリニック), U+3000 to a space, compatibility ideographs.
 * 2. Lower case.
 * 3. Ideographic variation selectors (IVS, e.g. 辻 with one or two dots) removed.
 * 4. Variant kanji to one form (VARIANT_KANJI below): 﨑→崎, 髙→高, 邊/邉→辺, 齋/齊/斎→斉 …
 * 5. ヶ and ヵ to ケ and カ; が, ガ, け or ケ between two kanji to ケ: 茅ヶ崎 and 茅ケ崎 meet, and so
 *    do 霞が関, 霞ヶ関 and 霞ケ関.
 * 6. A long-vowel mark ending a kana word is dropped (JIS Z 8301 leaves it optional):
 *    コンピューター and コンピュータ meet. A mark inside a word is kept.
 * 7. Any run of white space to one space; trimmed.
 *
 * Kana are left as written in running text: Meilisearch's Japanese segmenter needs okurigana
 * and particles in hiragana to cut words right (看取り, not 看取リ), and it makes hiragana and
 * katakana meet by itself. Readings and a query word written only in kana are sent in
 * katakana (`katakana`): a hiragana word alone is cut into fragments by the segmenter, the same
 * word in katakana is kept whole. The fallback and the alert matcher, which compare text piece
 * by piece with no segmenter, also fold every kana to katakana and small kana to full size
 * (`foldKana`).
 */

/**
 * Variant kanji met in the names of people and places, each to the form a person is most likely
 * to type. Curated by hand from the old/new pairs of 人名用漢字 (戸籍法施行規則 別表第二) and the
 * variants most often met in surnames and place names in registries (﨑, 髙, 邉/邊, 齋/齊,
 * 嶋/嶌, 濵 …). NFKC already folds the CJK compatibility ideographs (塚, 神 …), so they are not
 * listed. Each pair is tested (tests/unit/text-fold.test.ts).
 */
export const VARIANT_KANJI: Readonly<Record<string, string>> = {
  // 崎
  "﨑": "崎", "嵜": "崎", "碕": "崎", "㟢": "崎", "𥔎": "崎",
  // 高, 辺, 斉, 島
  "髙": "高", "邊": "辺", "邉": "辺", "齋": "斉", "齊": "斉", "斎": "斉", "嶋": "島", "嶌": "島",
  // 沢, 浜, 桜, 広, 国, 徳, 竜
  "澤": "沢", "濱": "浜", "濵": "浜", "櫻": "桜", "廣": "広", "國": "国", "圀": "国", "德": "徳", "龍": "竜",
  // other 旧字体 of 人名用漢字 met in names and place names
  "冨": "富", "惠": "恵", "眞": "真", "實": "実", "壽": "寿", "藏": "蔵", "曾": "曽", "彌": "弥", "瀨": "瀬",
  "萬": "万", "與": "与", "條": "条", "靜": "静", "淺": "浅", "縣": "県", "會": "会", "學": "学", "醫": "医",
  "驛": "駅", "榮": "栄", "圓": "円", "關": "関", "鐵": "鉄", "觀": "観", "寬": "寛", "黑": "黒", "槇": "槙",
  "桒": "桑", "晉": "晋", "莊": "荘", "藝": "芸", "禮": "礼", "豐": "豊", "邨": "村", "峯": "峰", "嶽": "岳",
  "埜": "野", "舘": "館", "渕": "淵", "鷗": "鴎", "攝": "摂", "增": "増", "亞": "亜", "來": "来",
  "兒": "児", "將": "将", "傳": "伝", "數": "数", "樂": "楽", "氣": "気", "淸": "清", "溫": "温", "燈": "灯",
  "狹": "狭", "稻": "稲", "穗": "穂", "繪": "絵", "緖": "緒", "聽": "聴", "臺": "台", "藥": "薬", "號": "号",
  "螢": "蛍", "賣": "売", "衞": "衛", "覺": "覚", "讀": "読", "變": "変", "豫": "予", "賴": "頼", "鄕": "郷", "錢": "銭",
  "險": "険", "隱": "隠", "靑": "青", "顯": "顕", "驗": "験", "體": "体", "鷄": "鶏", "麥": "麦", "黃": "黄",
  "齒": "歯", "齡": "齢", "澁": "渋", "凜": "凛", "恆": "恒", "𠮷": "吉", "𡈽": "土", "檜": "桧",
  "藪": "薮", "籠": "篭", "栁": "柳", "塲": "場", "杦": "杉", "舩": "船", "﨔": "欅",
};

/** One character class of every variant (and ヶ ヵ), for one regular-expression pass. */
const VARIANT_MAP = new Map<string, string>([...Object.entries(VARIANT_KANJI), ["ヶ", "ケ"], ["ヵ", "カ"]]);
const VARIANTS = new RegExp(`[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}]|${[...VARIANT_MAP.keys()].join("|")}`, "gu");

/** Small katakana to full size. */
const SMALL_KANA: Record<number, number> = {
  0x30a1: 0x30a2, 0x30a3: 0x30a4, 0x30a5: 0x30a6, 0x30a7: 0x30a8, 0x30a9: 0x30aa, 0x30c3: 0x30c4,
  0x30e3: 0x30e4, 0x30e5: 0x30e6, 0x30e7: 0x30e8, 0x30ee: 0x30ef, 0x30f5: 0x30ab, 0x30f6: 0x30b1,
};

const KANJI = "\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u3005";
const KANA = "\\u3041-\\u3096\\u30A1-\\u30FA";
/** が, ガ, け or ケ between two kanji. */
const GA_BETWEEN_KANJI = new RegExp(`(?<=[${KANJI}])[がガけケ](?=[${KANJI}])`, "g");
/** Long-vowel marks ending a kana word. */
const TRAILING_LONG_VOWEL = new RegExp(`(?<=[${KANA}])ー+(?![${KANA}])`, "g");

export function foldText(input: string): string {
  return input
    .normalize("NFKC")
    .toLowerCase()
    .replace(VARIANTS, (c) => VARIANT_MAP.get(c) ?? "")
    .replace(GA_BETWEEN_KANJI, "ケ")
    .replace(TRAILING_LONG_VOWEL, "")
    .replace(/\s+/g, " ")
    .trim();
}

const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const KANA_TO_FOLD = /[\u3041-\u3096\u309d\u309e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6]/g;
const toKatakana = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0x60);

/**
 * Katakana for every hiragana (ゝゞ too). Expects foldText's output. A regular-expression
 * replace, so the result is one flat string (building it a character at a time left chains of
 * string pieces that held gigabytes in the fallback's snapshot).
 */
export function katakana(folded: string): string {
  return folded.replace(HIRAGANA, toKatakana);
}

/**
 * Katakana for every kana, and small kana to full size (ぁ→ア, ッ→ツ, ゃ→ヤ): for text compared
 * piece by piece, with no segmenter (see above). Expects foldText's output.
 */
export function foldKana(folded: string): string {
  return folded.replace(KANA_TO_FOLD, (c) => {
    const k = c.charCodeAt(0) <= 0x309e ? c.charCodeAt(0) + 0x60 : c.charCodeAt(0);
    return String.fromCharCode(SMALL_KANA[k] ?? k);
  });
}

/** A word written only in kana (and the long-vowel mark). */
export function isKanaWord(word: string) {
  return /^[\u3041-\u309f\u30a0-\u30ff]+$/.test(word);
}

/**
 * Romaji for matching: Hepburn as wanakana writes it, with long vowels shortened
 * (ou/oo/oh → o, uu → u), macrons and apostrophes dropped. ローマ字 as people type it differs
 * mostly there: Tōkyō, toukyou, tokyo and tohkyoh all become "tokyo".
 */
function shortenLongVowels(romaji: string) {
  return romaji
    .replace(/[āâ]/g, "a").replace(/[īî]/g, "i").replace(/[ūû]/g, "u").replace(/[ēê]/g, "e").replace(/[ōô]/g, "o")
    .replace(/['’-]/g, "")
    .replace(/o[uo]/g, "o")
    .replace(/uu/g, "u");
}

/** The romaji of a reading (hiragana or katakana), in the matching form: やまざき びょういん → "yamazaki byoin". */
export function romajiOfReading(reading: string): string {
  return reading
    .split(" ")
    .filter(Boolean)
    .map((word) => shortenLongVowels(toRomaji(hiraganaReading(word))))
    .join(" ");
}

/**
 * A typed Latin word read as romaji, in the matching form, or null when it is not romaji
 * (an abbreviation such as ACP or ICU, an English word). Hepburn and kunrei spellings are both
 * read (shi/si, tsu/tu, chi/ti, fu/hu, ji/zi), n and nn, m before b/m/p, and oh for ō.
 * Words shorter than 4 letters are left as typed: they are more often abbreviations.
 */
export function romajiKey(word: string): string | null {
  if (word.length < 4 || !/^[a-zāīūēōâêîôû'’-]+$/.test(word)) return null;
  const plain = word
    .replace(/[āâ]/g, "a").replace(/[īî]/g, "i").replace(/[ūû]/g, "u").replace(/[ēê]/g, "e").replace(/[ōô]/g, "o")
    .replace(/['’-]/g, "")
    .replace(/m(?=[bmp])/g, "n")
    .replace(/oh(?![aiueoy])/g, "o");
  const kana = toKana(plain);
  if (!/^[\u3041-\u309f\u30a0-\u30ff]+$/.test(kana)) return null;
  return shortenLongVowels(toRomaji(kana));
}
