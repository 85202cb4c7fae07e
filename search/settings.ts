import type { Settings } from "meilisearch";
import { FACET_ATTRIBUTE, FILTERS, TEXT_FIELDS, TYPO_MIN_WORD } from "./definition";

/**
 * Index names and settings, derived from the search definition (definition.ts) and applied
 * idempotently at start-up (docs/decisions/0008-search.md, 0010-japanese-text.md).
 */
export const FACILITIES_INDEX = "facilities";

/**
 * Meilisearch's maxValuesPerFacet: every listing's id must fit, for a query's matches are read as
 * the facet of ids (word-matches.server.ts); every code of `facetCodes` then fits too.
 */
export const MAX_FACET_VALUES = 1_000_000;

/** How far Meilisearch pages through a search's hits (its maxTotalHits). */
export const MAX_TOTAL_HITS = 5000;

const SEARCHED = TEXT_FIELDS.map((f) => `text.${f.key}`);
const LATIN = TEXT_FIELDS.filter((f) => f.key === "romaji").map((f) => `text.${f.key}`);
const JAPANESE = SEARCHED.filter((a) => !LATIN.includes(a));

export const facilitiesSettings: Settings = {
  // Order is ranking: a match in the name outranks the reading, the place, then the free text.
  searchableAttributes: SEARCHED,
  // Every filter value is one code of one attribute (definition.ts: one read per listing when
  // Meilisearch counts the facets of a small result set); a facet counted apart, on its own.
  // And the id: a query's matches are read as the facet of ids (word-matches.server.ts).
  filterableAttributes: [FACET_ATTRIBUTE, ...new Set(Object.values(FILTERS).map((f) => f.counted)), "id"],
  sortableAttributes: ["publishedAt", "nameKana", "contentApprovedAt"],
  // A chosen order (五十音順, 新着順) is the order, even with text: "sort" comes first. Without
  // one, relevance as usual.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  // Kanji-only text would otherwise be detected as Chinese; the folded readings (katakana) are
  // Japanese too. Romaji is Latin. Set before any document is added: on Meilisearch 1.21 a
  // change needs a rebuild (SEARCH_DOCUMENT_VERSION).
  localizedAttributes: [
    { attributePatterns: JAPANESE, locales: ["jpn"] },
    { attributePatterns: LATIN, locales: ["eng"] },
  ],
  // Typos only in romaji (definition.ts): one different kanji or kana is another word.
  typoTolerance: {
    minWordSizeForTypos: TYPO_MIN_WORD,
    disableOnAttributes: SEARCHED.filter((a) => !TEXT_FIELDS.some((f) => f.typos && `text.${f.key}` === a)),
  },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  // Word proximity per attribute rather than per word pair: much faster indexing, and the
  // texts are short. Facet values are listed, never searched, so no facet-search index.
  proximityPrecision: "byAttribute",
  facetSearch: false,
  // Above the number of listings and of codes there can be (tests/unit/search-filters.test.ts), so none is cut.
  faceting: { maxValuesPerFacet: MAX_FACET_VALUES },
  // What a result card shows; the folded text is for matching only.
  displayedAttributes: ["*"],
};
