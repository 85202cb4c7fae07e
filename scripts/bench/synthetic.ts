import { ACTIVITIES } from "../../app/reference/activities";
import { DEPARTMENTS } from "../../app/reference/departments";
import { PREFECTURES } from "../../app/reference/prefectures";

/**
 * Deterministic synthetic facilities for the search benchmark: every prefecture (weighted
 * roughly by population), mixed kinds, departments and activities, Japanese names with kana.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES: Array<[string, string]> = [
  ["みどり", "みどり"], ["さくら", "さくら"], ["青葉", "あおば"], ["東", "ひがし"], ["西", "にし"], ["南", "みなみ"], ["北", "きた"], ["中央", "ちゅうおう"],
  ["駅前", "えきまえ"], ["山手", "やまて"], ["川辺", "かわべ"], ["浜", "はま"], ["丘", "おか"], ["森", "もり"], ["泉", "いずみ"], ["旭", "あさひ"],
  ["城山", "しろやま"], ["松原", "まつばら"], ["若葉", "わかば"], ["ひかり", "ひかり"], ["なごみ", "なごみ"], ["ふれあい", "ふれあい"], ["しおかぜ", "しおかぜ"], ["里山", "さとやま"],
];
const KINDS_HOSPITAL: Array<[string, string]> = [["病院", "びょういん"], ["中央病院", "ちゅうおうびょういん"], ["総合病院", "そうごうびょういん"], ["記念病院", "きねんびょういん"]];
const KINDS_CLINIC: Array<[string, string]> = [["クリニック", "くりにっく"], ["診療所", "しんりょうじょ"], ["内科医院", "ないかいいん"], ["家庭医療クリニック", "かていいりょうくりにっく"]];
const SENTENCES = [
  "総合医を目指す先生を職員一同で歓迎します。",
  "外来と訪問診療を通して、地域の暮らしを支える医療を一緒に学びましょう。",
  "在宅医療と看取りまで担う、地域に根ざした医療機関です。",
  "救急から慢性期まで幅広い患者さんを診る経験ができます。",
  "多職種カンファレンスや地域ケア会議に参加できます。",
  "週1回の振り返りで、判断に迷った症例を相談できます。",
  "離島・へき地の医療を支える仲間を求めています。",
  "小児から高齢者まで、家族ぐるみで診る診療所です。",
];
const CITY_SUFFIX = ["市", "町", "村"];
const POPULATION_WEIGHT: Record<string, number> = { "13": 10, "14": 7, "27": 7, "23": 6, "11": 6, "12": 5, "01": 5, "28": 5, "40": 5 };

function pick<T>(r: () => number, list: readonly T[]) {
  return list[Math.floor(r() * list.length)]!;
}

function some<T>(r: () => number, list: readonly T[], min: number, max: number) {
  const n = min + Math.floor(r() * (max - min + 1));
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]!);
  return out;
}

const weighted = PREFECTURES.flatMap((p) => Array.from({ length: POPULATION_WEIGHT[p.code] ?? 2 }, () => p.code));

export function* syntheticFacilities(count: number, seed = 20261121) {
  const r = rng(seed);
  const deptCodes = DEPARTMENTS.map((d) => d.code);
  const actCodes = ACTIVITIES.map((a) => a.code);
  for (let i = 0; i < count; i++) {
    const hospital = r() < 0.07;
    const [place, placeKana] = pick(r, PLACES);
    const [kind, kindKana] = pick(r, hospital ? KINDS_HOSPITAL : KINDS_CLINIC);
    const number = i.toString(36);
    const departments = hospital ? some(r, deptCodes, 4, 12) : ["naika", ...some(r, deptCodes, 0, 3)];
    yield {
      name: `${place}${kind}${number}`,
      nameKana: `${placeKana}${kindKana}`,
      kind: hospital ? "HOSPITAL" : "CLINIC",
      bedCount: hospital ? 20 + Math.floor(r() * 400) : null,
      postalCode: `${100 + Math.floor(r() * 899)}-${String(Math.floor(r() * 10000)).padStart(4, "0")}`,
      prefectureCode: pick(r, weighted),
      city: `${pick(r, PLACES)[0]}${pick(r, CITY_SUFFIX)}`,
      address: `${1 + Math.floor(r() * 9)}丁目${1 + Math.floor(r() * 30)}-${1 + Math.floor(r() * 20)}`,
      phone: `0${1 + Math.floor(r() * 9)}-${1000 + Math.floor(r() * 8999)}-${1000 + Math.floor(r() * 8999)}`,
      departmentCodes: [...new Set(departments)],
      stance: some(r, SENTENCES, 2, 4).join(""),
      hopes: r() < 0.5 ? pick(r, SENTENCES) : "",
      supervisorAvailable: r() < 0.6,
      consultationSetup: pick(r, SENTENCES),
      consultationFrequency: "週1回以上",
      learningTimeProtected: r() < 0.5,
      scheduleAdjustment: r() < 0.6,
      programSupport: r() < 0.4,
      learningSupport: pick(r, SENTENCES),
      employmentFormCodes: r() < 0.3 ? ["part-time"] : ["full-time", "part-time"],
      employmentTerms: "面談のうえ決めます。",
      activityCodes: some(r, actCodes, 0, 10),
    };
  }
}
