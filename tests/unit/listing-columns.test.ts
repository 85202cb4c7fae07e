import { describe, expect, it } from "vitest";
import {
  ACTIVITY_BITS,
  columnsFor,
  countCodes,
  DEPT_BITS,
  EMPLOYMENT_BITS,
  indexCodes,
  KINDS,
  pageOf,
  pageOfFew,
  setColumns,
  type CodeQuery,
  type CodesEntry,
} from "../../search/listing-columns";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function some<T>(rand: () => number, from: readonly T[], most: number) {
  const out = new Set<T>();
  const n = Math.floor(rand() * (most + 1));
  for (let i = 0; i < n; i++) out.add(from[Math.floor(rand() * from.length)]!);
  return [...out];
}

type Listing = Omit<CodesEntry, "id" | "publishedAt"> & { dead: boolean; slot: number };

/** Whether a listing passes every chosen filter but `left`'s, written the plain way. */
function passes(l: Listing, q: CodeQuery, left: string | null) {
  return (
    !l.dead &&
    (!q.matches || ((q.matches.set[l.slot >>> 5]! >>> (l.slot & 31)) & 1) === 1) &&
    (left === "place" || !q.prefectures || q.prefectures.includes(Number(l.prefectureCode))) &&
    (left === "department" || q.departments.every((d) => l.departmentCodes.includes(d))) &&
    (left === "kind" || !q.kind || l.kind === KINDS[q.kind]) &&
    (left === "employment" || !q.employment.length || q.employment.some((e) => l.employmentFormCodes.includes(e))) &&
    (left === "activity" || q.activities.every((a) => l.activityCodes.includes(a))) &&
    (left === "supervision" || !q.supervision || l.supervisorAvailable === true) &&
    (!(q.learning & 2) || l.learningTimeProtected === true) &&
    (!(q.learning & 4) || l.scheduleAdjustment === true) &&
    (!(q.learning & 8) || l.programSupport === true)
  );
}

/** What each count means: a listing counts for a facet when it passes every other chosen filter. */
function expected(listings: Listing[], q: CodeQuery) {
  const count = (group: string, chosen: boolean, values: (l: Listing) => Array<string | number>) => {
    const out: Record<string, number> = {};
    for (const l of listings) if (passes(l, q, chosen ? group : null)) for (const v of values(l)) out[v] = (out[v] ?? 0) + 1;
    return out;
  };
  return {
    total: listings.filter((l) => passes(l, q, null)).length,
    prefecture: count("place", q.prefectures !== null, (l) => [Number(l.prefectureCode)]),
    department: count("department", q.departments.length > 0, (l) => l.departmentCodes),
    kind: count("kind", q.kind > 0, (l) => [l.kind!]),
    employment: count("employment", q.employment.length > 0, (l) => l.employmentFormCodes),
    activity: count("activity", q.activities.length > 0, (l) => l.activityCodes),
    supervision: count("supervision", q.supervision, (l) => (l.supervisorAvailable ? ["yes"] : [])).yes ?? 0,
    learning: count("learning", false, (l) => [...(l.learningTimeProtected ? ["2"] : []), ...(l.scheduleAdjustment ? ["4"] : []), ...(l.programSupport ? ["8"] : [])]),
  };
}

/** countCodes' arrays, by the same keys. */
function readable(counts: ReturnType<typeof countCodes>) {
  const byCode = (values: Int32Array, codes: (b: number) => string | number | undefined) => {
    const out: Record<string, number> = {};
    values.forEach((v, b) => {
      const code = codes(b);
      if (v && code !== undefined) out[code] = v;
    });
    return out;
  };
  return {
    total: counts.total,
    prefecture: byCode(counts.prefecture, (b) => b),
    department: byCode(counts.department, (b) => DEPT_BITS.codes[b]),
    kind: byCode(counts.kind, (b) => KINDS[b] || undefined),
    employment: byCode(counts.employment, (b) => EMPLOYMENT_BITS.codes[b]),
    activity: byCode(counts.activity, (b) => ACTIVITY_BITS.codes[b]),
    supervision: counts.supervision,
    learning: byCode(counts.learning, (b) => ([2, 4, 8].includes(b) ? String(b) : undefined)),
  };
}

describe("counting a search without words from the codes' bitsets", () => {
  // As loaded, the table's slots are grouped by prefecture (fallback-memory.server.ts), with the
  // listings added since at the end; any other order is counted the same.
  it.each([
    ["in any order", false],
    ["grouped by prefecture, with listings added after", true],
  ])("gives every facet's count as the plain definition does, for small and large result sets (slots %s)", (_, grouped) => {
    const rand = random(20261129);
    const prefectures = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, "0"));
    // Few codes, so that results are large (counted code by code) as well as small (slot by slot).
    const departments = [DEPT_BITS.codes[0]!, DEPT_BITS.codes[31]!, DEPT_BITS.codes[32]!, DEPT_BITS.codes.at(-1)!];
    const activities = [ACTIVITY_BITS.codes[1]!, ACTIVITY_BITS.codes[31]!, ACTIVITY_BITS.codes.at(-1)!];
    const listings: Listing[] = Array.from({ length: 3000 }, (_, slot) => ({
      slot,
      prefectureCode: rand() < 0.6 ? prefectures[Math.floor(rand() * 3)]! : prefectures[Math.floor(rand() * 47)]!,
      kind: rand() < 0.5 ? "HOSPITAL" : "CLINIC",
      supervisorAvailable: rand() < 0.5,
      learningTimeProtected: rand() < 0.5,
      scheduleAdjustment: rand() < 0.3,
      programSupport: rand() < 0.7,
      departmentCodes: some(rand, departments, 3),
      employmentFormCodes: some(rand, EMPLOYMENT_BITS.codes, 2),
      activityCodes: some(rand, activities, 3),
      dead: rand() < 0.05,
    }));
    if (grouped) {
      const loaded = listings.slice(0, 2700).sort((a, b) => Number(a.prefectureCode) - Number(b.prefectureCode));
      listings.splice(0, 2700, ...loaded);
      listings.forEach((l, i) => (l.slot = i));
    }
    const columns = columnsFor(listings.length);
    listings.forEach((l, i) => {
      setColumns(columns, i, { id: String(i), publishedAt: null, ...l });
      columns.dead[i] = l.dead ? 1 : 0;
    });
    const index = indexCodes(columns, listings.length, null);

    // The matches of a few queries' words (word-matches.server.ts): rare, common, nearly all.
    const matchSets = [0.02, 0.3, 0.95].map((share, k) => {
      const set = new Int32Array(index.words);
      for (let i = 0; i < listings.length; i++) if (rand() < share) set[i >>> 5]! |= 1 << (i & 31);
      return { set, key: String(k) };
    });
    const queries: CodeQuery[] = [{ prefectures: null, departments: [], activities: [], employment: [], kind: 0, supervision: false, learning: 0 }];
    for (let i = 0; i < 400; i++) {
      queries.push({
        // Searches with words: the same filters within other matches must not share kept parts.
        ...(i % 4 ? {} : { matches: matchSets[(i >> 2) % 3]! }),
        prefectures: rand() < 0.6 ? some(rand, [1, 2, 3, 13, 47], 2).concat(1) : null,
        departments: some(rand, departments, 2),
        activities: rand() < 0.3 ? some(rand, activities, 2) : [],
        employment: rand() < 0.3 ? some(rand, EMPLOYMENT_BITS.codes, 2) : [],
        kind: rand() < 0.2 ? 1 + Math.floor(rand() * 2) : 0,
        supervision: rand() < 0.3,
        learning: rand() < 0.2 ? [2, 4, 8][Math.floor(rand() * 3)]! : 0,
      });
    }
    // An order of the slots, as the table's 新着順 or 五十音順 would be.
    const order = Uint32Array.from(listings.keys()).sort((a, b) => ((a * 7919) % 3001) - ((b * 7919) % 3001));
    const rank = new Uint32Array(listings.length);
    order.forEach((slot, k) => (rank[slot] = k));
    let large = 0;
    let gathered = 0;
    for (const q of queries) {
      // The page of results: the matching slots, in the order, from an offset.
      let page: number[] = [];
      const offset = Math.floor(rand() * 3) * 20;
      // And as the table picks it for a small set: gathered and sorted by place in the order.
      let few: number[] = [];
      const got = readable(
        countCodes(index, columns, q, (results, at) => {
          page = pageOf(results, order, offset, 20);
          few = pageOfFew(results, at, order, rank, offset, 20);
          if (at.total * 40 < listings.length) gathered++;
        }),
      );
      const want = [...order].filter((i) => passes(listings[i]!, q, null)).slice(offset, offset + 20);
      expect({ q, page, few }).toEqual({ q, page: want, few: want });
      if (got.total > 128) large++;
      expect({ q, ...got }).toEqual({ q, ...expected(listings, q) });
      // Asked again, with the parts kept: the same counts.
      expect(readable(countCodes(index, columns, q))).toEqual(got);
    }
    expect(gathered).toBeGreaterThan(20);
    expect(large).toBeGreaterThan(20);
    expect(large).toBeLessThan(queries.length - 20);
  });

  it("counts a table that was loaded empty and then grew (rebuilt from its empty index)", () => {
    const empty = indexCodes(columnsFor(0), 0, null);
    // 400 listings, 5 of them in Tokyo: a set small enough to be counted listing by listing.
    const columns = columnsFor(400);
    for (let i = 0; i < 400; i++) {
      setColumns(columns, i, {
        id: String(i), publishedAt: null, prefectureCode: i % 80 === 1 ? "13" : "27", kind: "CLINIC", supervisorAvailable: i % 160 === 1,
        learningTimeProtected: null, scheduleAdjustment: null, programSupport: null, departmentCodes: ["naika"], employmentFormCodes: [], activityCodes: [],
      });
    }
    const index = indexCodes(columns, 400, empty);
    const counts = countCodes(index, columns, { prefectures: [13], departments: [], activities: [], employment: [], kind: 0, supervision: false, learning: 0 });
    expect(counts.total).toBe(5);
    expect(counts.department[DEPT_BITS.codes.indexOf("naika")]).toBe(5);
    expect(counts.supervision).toBe(3);
  });
});
