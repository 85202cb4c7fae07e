import { ACTIVITIES } from "../app/reference/activities";
import { DEPARTMENTS } from "../app/reference/departments";
import { PREFECTURES } from "../app/reference/prefectures";
import { foldKana, foldText, hiraganaReading, isKanaWord, katakana, romajiKey, romajiOfReading } from "./fold";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";

/**
 * What the directory's search is, in one place (docs/decisions/0010-japanese-text.md): the
 * searchable fields and their ranking order, the fold, the filters and what each means.
 * Meilisearch's settings and documents (settings.ts, documents.server.ts), the in-memory
 * fallback (fallback-memory.server.ts) and the alert matcher (match.ts) are derived from it,
 * and tests/integration/search-japanese.test.ts checks that the engines agree.
 */

/** Bumped whenever the documents' shape or the fold changes: an index of another version is rebuilt at start-up. */
export const SEARCH_DOCUMENT_VERSION = 6;

/**
 * The searchable fields, folded, in ranking order: a match in the name outranks the reading,
 * which outranks the place, and so on down to the free text. Typos are allowed in romaji only:
 * one wrong letter in a 5-letter romaji word is still the same name (yamasaki → 山崎), while one
 * different kanji or kana is another word.
 */
export const TEXT_FIELDS = [
  { key: "name", label: "医療機関名", typos: false },
  { key: "reading", label: "ふりがな", typos: false },
  { key: "romaji", label: "ローマ字（ふりがなから）", typos: true },
  { key: "place", label: "都道府県・市区町村", typos: false },
  { key: "departments", label: "標榜診療科", typos: false },
  { key: "activities", label: "実地研修で参加できる活動", typos: false },
  { key: "stance", label: "受け入れと育成の方針", typos: false },
  { key: "hopes", label: "求める医師像", typos: false },
  { key: "description", label: "相談体制・学びの支援・勤務条件", typos: false },
] as const;

export type TextFieldKey = (typeof TEXT_FIELDS)[number]["key"];
export type SearchText = Record<TextFieldKey, string>;

/** Meilisearch's typo thresholds (settings.ts); the fallback applies the same ones to romaji. */
export const TYPO_MIN_WORD = { oneTypo: 5, twoTypos: 9 } as const;

/** At most this many words of a query are used, by every engine. */
export const MAX_QUERY_WORDS = 6;

/**
 * Words that end a facility's reading and are split off it, so that a reading typed in one
 * piece (やまざきびょういん) is searched as two words (ヤマザキ ビヨウイン, yamazaki byoin).
 */
const READING_SUFFIXES = ["しんりょうじょ", "しんりょうしょ", "くりにっく", "びょういん", "せんたー", "いいん"];

function segmentReading(reading: string) {
  return reading
    .split(" ")
    .map((word) => {
      const suffix = READING_SUFFIXES.find((s) => word.endsWith(s) && word.length > s.length);
      return suffix ? `${word.slice(0, -suffix.length)} ${suffix}` : word;
    })
    .join(" ");
}

/** What a listing's searchable text is made of. */
export type ListingText = {
  name: string;
  nameKana: string;
  prefectureCode: string | null;
  city: string;
  departmentCodes: string[];
  activityCodes: string[];
  stance: string;
  hopes: string;
  /** 相談体制, 学びの支援 and 勤務条件, joined. */
  description: string;
};

// Reference names, folded once.
const departmentName = new Map(DEPARTMENTS.map((d) => [d.code, foldText(d.name)]));
const activityName = new Map(ACTIVITIES.map((a) => [a.code, foldText(a.name)]));
const prefectureName = new Map(PREFECTURES.map((p) => [p.code, foldText(p.name)]));
const prefectureRegion = new Map(PREFECTURES.map((p) => [p.code, p.regionCode]));

/** A listing's searchable fields, folded. */
export function searchTextOf(l: ListingText): SearchText {
  const reading = segmentReading(hiraganaReading(l.nameKana));
  return {
    name: foldText(l.name),
    reading: katakana(foldText(reading)),
    romaji: romajiOfReading(reading),
    place: [(l.prefectureCode && prefectureName.get(l.prefectureCode)) || "", foldText(l.city)].filter(Boolean).join(" "),
    departments: l.departmentCodes.map((c) => departmentName.get(c) ?? "").join(" "),
    activities: l.activityCodes.map((c) => activityName.get(c) ?? "").join(" "),
    stance: foldText(l.stance),
    hopes: foldText(l.hopes),
    description: foldText(l.description),
  };
}

/**
 * A query as every engine uses it: folded, cut into words (at most MAX_QUERY_WORDS), and a
 * word typed in romaji in the romaji fields' form (toukyou → tokyo, sinbasi → shinbashi).
 * Meilisearch receives `words` joined by spaces and must match every one of them.
 */
export function prepareQuery(q: string): string[] {
  return foldText(q)
    .replace(/"/g, " ") // quotes would change Meilisearch's query syntax
    .split(" ")
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => romajiKey(w) ?? (isKanaWord(w) ? katakana(w) : w));
}

/**
 * The query string sent to Meilisearch: a word in Japanese script goes as a phrase, so that the
 * pieces Meilisearch's segmenter cuts it into must stand side by side in the listing
 * (在宅医療 is 在宅 next to 医療, not 在宅 in one sentence and 医療 in another), as the fallback
 * reads it. Latin words stay plain, so that romaji keeps its typos and prefix, and so do words
 * only in kana: the segmenter keeps a katakana word whole, and a reading is typed from its
 * beginning (なよろ for なよろみどりのおか), which a phrase would not find.
 */
export function meilisearchQuery(words: readonly string[]) {
  return words.map((w) => (/^[\x20-\x7e]+$/.test(w) || isKanaWord(w) ? w : `"${w}"`)).join(" ");
}

/**
 * How Meilisearch is asked to match `text` (meilisearchQuery's): every word must match (a
 * two-word query never silently drops one), with Japanese segmentation for kanji and kana and
 * Latin for romaji. The same for a page of hits, a facet's counts and a query's matches
 * (word-matches.server.ts): each is the same set of listings, filtered.
 */
export function wordMatching(text: string) {
  return { q: text, matchingStrategy: "all" as const, locales: ["jpn" as const, "eng" as const] };
}

/**
 * The fallback's text rule (and the alert matcher's): every word appears in one of the
 * fields, as a whole or as part of a word; a romaji word also with Meilisearch's number of
 * typos (the first letter right). Meilisearch matches words whole, and the last one as a
 * prefix: it finds the same for words as people type them, and the fallback finds more when a
 * word is cut in the middle (崎 alone finds 山崎).
 */
export function haystackOf(text: SearchText) {
  return foldKana(`${TEXT_FIELDS.map((f) => text[f.key]).join("\n")}\n${text.romaji.replace(/ /g, "")}`);
}

/**
 * The fallback keeps less than the whole haystack (fallback-memory.server.ts): the fields its
 * codes already give (the prefecture's name, the departments, the activities) are matched
 * through the codes, with these: which codes' folded names hold `word` (fallbackWord).
 * Equivalent to the haystack, since fields are joined by line breaks and names by spaces, and
 * neither is ever inside a word.
 */
export function codesNamedBy(word: string) {
  const named = (names: Map<string, string>) => [...names].flatMap(([code, name]) => (foldKana(name).includes(word) ? [code] : []));
  return { prefecture: named(prefectureName), department: named(departmentName), activity: named(activityName) };
}

/** The haystack less the name's fields (nameHaystackOf, romajiHaystackOf) and the fields codes give (codesNamedBy). */
export function ownHaystackOf(l: ListingText, text: SearchText) {
  return foldKana([foldText(l.city), text.stance, text.hopes, text.description].join("\n"));
}

export function romajiHaystackOf(text: SearchText) {
  return `${text.romaji}\n${text.romaji.replace(/ /g, "")}`;
}

/** `word` from prepareQuery, made ready for the fallback's piece-by-piece comparison. */
export function fallbackWord(word: string) {
  return foldKana(word);
}

/** Does a haystack (haystackOf) hold a word (fallbackWord)? */
export function matchesWord(haystack: string, romaji: string, word: string) {
  return haystack.includes(word) || (/^[a-z]+$/.test(word) && typoMatch(romaji, word));
}

export function matchesWords(haystack: string, romaji: string, words: readonly string[]) {
  return words.every((w) => matchesWord(haystack, romaji, fallbackWord(w)));
}

/** The name and its reading, for ranking (with the romaji, romajiHaystackOf): listings named by every word come first. */
export function nameHaystackOf(text: SearchText) {
  return foldKana(`${text.name}\n${text.reading}`);
}

/** Typos allowed in a romaji word of this length (Meilisearch's thresholds). */
export function typosFor(word: string) {
  return word.length >= TYPO_MIN_WORD.twoTypos ? 2 : word.length >= TYPO_MIN_WORD.oneTypo ? 1 : 0;
}

/**
 * Is `word` within its typos of the beginning of some word of `text`, starting with the same
 * letter? Edit distance against each word start, bounded by the short romaji text.
 */
export function typoMatch(text: string, word: string) {
  const k = typosFor(word);
  if (k === 0) return false;
  const m = word.length;
  for (let s = 0; s < text.length; s++) {
    // Meilisearch corrects whole words (and a last word's beginning), never the middle of one.
    if (text[s] !== word[0] || (s > 0 && text[s - 1] !== " " && text[s - 1] !== "\n")) continue;
    // prev[i]: distance between word[0..i) and text[s..s+j) for the previous j.
    let prev = Array.from({ length: m + 1 }, (_, i) => i);
    for (let j = 1; s + j <= text.length && j <= m + k; j++) {
      const t = text[s + j - 1];
      const cur = [j];
      for (let i = 1; i <= m; i++) cur[i] = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (word[i - 1] === t ? 0 : 1));
      if (cur[m]! <= k) return true;
      prev = cur;
    }
  }
  return false;
}

/**
 * The filters, and what each means. `any`: the listing has one of the chosen codes; `all`: it
 * has every chosen code (a physician narrows down by departments and activities); `equals`: one
 * value (指導医 is "1" when the listing says yes). Places are one group: a prefecture or a
 * region matches. Learning support (LEARNING_FILTERS) is conjunctive: each chosen one offered.
 *
 * In the index every filter value of a listing is one code in one array attribute,
 * `facetCodes` ("p:13", "r:kanto", "d:naika", "k:CLINIC", "e:full-time", "a:1-1", "s:1",
 * "l:time"): Meilisearch counts the facets of a result set of up to 3,000 listings by reading
 * each listing's values of each attribute asked for, so one attribute costs it one read per
 * listing instead of eight. A facet counted apart (its own choice left out) is counted on its
 * own attribute, `counted`, so that only its values are read (regions: from the prefectures).
 */
export const FILTERS = {
  prefecture: { prefix: "p", combine: "any", group: "place", label: "都道府県", counted: "prefectureCode" },
  region: { prefix: "r", combine: "any", group: "place", label: "地方", counted: "prefectureCode" },
  department: { prefix: "d", combine: "all", group: "department", label: "診療科", counted: "departmentCodes" },
  kind: { prefix: "k", combine: "equals", group: "kind", label: "種別", counted: "kind" },
  employment: { prefix: "e", combine: "any", group: "employment", label: "勤務形態", counted: "employmentFormCodes" },
  activity: { prefix: "a", combine: "all", group: "activity", label: "実地研修の活動", counted: "activityCodes" },
  supervision: { prefix: "s", combine: "equals", group: "supervision", label: "指導医", counted: "supervisorAvailable" },
} as const;

/** The learning-support filters: each chosen one must be offered (flags). */
export const LEARNING_FILTERS = LEARNING_SUPPORT;

export type FilterName = keyof typeof FILTERS;
export type FacetGroup = FilterName | "learning";

export const FACET_ATTRIBUTE = "facetCodes";
const LEARNING_PREFIX = "l";
const GROUP_OF_PREFIX = new Map<string, FacetGroup>([...Object.entries(FILTERS).map(([name, f]) => [f.prefix, name as FilterName] as const), [LEARNING_PREFIX, "learning"]]);

/** A filter value as a code of `facetCodes`. */
export function facetCode(group: FacetGroup, value: string) {
  return `${group === "learning" ? LEARNING_PREFIX : FILTERS[group].prefix}:${value}`;
}

/** A code of `facetCodes` back as its filter and value. */
export function parseFacetCode(code: string): { group: FacetGroup; value: string } | undefined {
  const colon = code.indexOf(":");
  const group = GROUP_OF_PREFIX.get(code.slice(0, colon));
  return group && colon > 0 ? { group, value: code.slice(colon + 1) } : undefined;
}

/** What a listing is filtered by. */
export type FacetedListing = {
  prefectureCode: string | null;
  kind: string | null;
  departmentCodes: string[];
  employmentFormCodes: string[];
  activityCodes: string[];
  supervisorAvailable: boolean | null;
} & Record<(typeof LEARNING_SUPPORT)[number]["field"], boolean | null>;

/** A listing's `facetCodes`. */
export function facetCodesOf(l: FacetedListing): string[] {
  const region = l.prefectureCode ? prefectureRegion.get(l.prefectureCode) : undefined;
  return [
    ...(l.prefectureCode ? [facetCode("prefecture", l.prefectureCode)] : []),
    ...(region ? [facetCode("region", region)] : []),
    ...l.departmentCodes.map((c) => facetCode("department", c)),
    ...(l.kind ? [facetCode("kind", l.kind)] : []),
    ...l.employmentFormCodes.map((c) => facetCode("employment", c)),
    ...l.activityCodes.map((c) => facetCode("activity", c)),
    ...(l.supervisorAvailable ? [facetCode("supervision", "1")] : []),
    ...LEARNING_FILTERS.filter((f) => l[f.field]).map((f) => facetCode("learning", f.code)),
  ];
}

/** Regions' counts, summed from their prefectures' (every engine counts regions this way). */
export function regionCounts(prefectures: Record<string, number>) {
  const regions: Record<string, number> = {};
  for (const [code, n] of Object.entries(prefectures)) {
    const region = prefectureRegion.get(code);
    if (region) regions[region] = (regions[region] ?? 0) + n;
  }
  return regions;
}

/** The chosen values of one filter in a query. */
export function chosen(query: SearchQuery, name: FilterName): string[] {
  const value = query[name];
  if (Array.isArray(value)) return value;
  return value ? [String(value)] : [];
}
