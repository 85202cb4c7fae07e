import { describe, expect, it } from "vitest";
import { haystackOf, matchesWords, prepareQuery, romajiHaystackOf, searchTextOf, typoMatch } from "../../search/definition";
import { foldKana, foldText, hiraganaReading, isKanaWord, romajiKey, romajiOfReading, VARIANT_KANJI } from "../../search/fold";

const same = (a: string, b: string) => expect(foldText(a), `${a} / ${b}`).toBe(foldText(b));

describe("the text fold", () => {
  it("folds the variant kanji of real surnames and places to the form people type", () => {
    const pairs: Array<[string, string]> = [
      ["山﨑", "山崎"], ["㟢", "崎"], ["𥔎", "崎"], ["宮嵜", "宮崎"], ["川碕", "川崎"], ["髙橋", "高橋"], ["渡邊", "渡辺"], ["渡邉", "渡辺"],
      ["齋藤", "斉藤"], ["齊藤", "斉藤"], ["斎藤", "斉藤"], ["齋藤", "斎藤"], ["澤田", "沢田"], ["濱田", "浜田"], ["濵田", "浜田"],
      ["櫻井", "桜井"], ["廣瀬", "広瀬"], ["國分寺", "国分寺"], ["水戸圀", "水戸国"], ["德田", "徳田"], ["龍ケ崎", "竜ケ崎"],
      ["嶋田", "島田"], ["大嶌", "大島"], ["冨田", "富田"], ["惠子", "恵子"], ["眞鍋", "真鍋"], ["實川", "実川"], ["壽", "寿"],
      ["藏前", "蔵前"], ["曾根", "曽根"], ["彌生", "弥生"], ["長瀨", "長瀬"], ["萬田", "万田"], ["與田", "与田"], ["北條", "北条"],
      ["靜岡", "静岡"], ["淺野", "浅野"], ["縣立", "県立"], ["會津", "会津"], ["學園", "学園"], ["醫院", "医院"], ["驛前", "駅前"],
      ["榮町", "栄町"], ["圓山", "円山"], ["關根", "関根"], ["鐵道", "鉄道"], ["觀音", "観音"], ["寬", "寛"], ["黑田", "黒田"],
      ["槇原", "槙原"], ["桒原", "桑原"], ["晉", "晋"], ["莊司", "荘司"], ["藝術", "芸術"], ["禮子", "礼子"], ["豐田", "豊田"],
      ["中邨", "中村"], ["峯岸", "峰岸"], ["御嶽", "御岳"], ["埜口", "野口"], ["舘山", "館山"], ["田渕", "田淵"], ["森鷗外", "森鴎外"],
      ["攝津", "摂津"], ["增田", "増田"], ["亞紀", "亜紀"], ["來島", "来島"], ["鹿兒島", "鹿児島"], ["將", "将"], ["傳", "伝"],
      ["數", "数"], ["樂", "楽"], ["氣", "気"], ["淸水", "清水"], ["溫泉", "温泉"], ["燈", "灯"], ["狹山", "狭山"], ["稻田", "稲田"],
      ["穗高", "穂高"], ["繪", "絵"], ["緖方", "緒方"], ["聽", "聴"], ["臺東", "台東"], ["藥師", "薬師"], ["號", "号"], ["螢", "蛍"],
      ["衞生", "衛生"], ["覺", "覚"], ["讀賣", "読売"], ["賣店", "売店"], ["變", "変"], ["伊豫", "伊予"], ["賴", "頼"], ["鄕", "郷"], ["錢", "銭"],
      ["險", "険"], ["隱岐", "隠岐"], ["靑森", "青森"], ["顯", "顕"], ["驗", "験"], ["體", "体"], ["鷄", "鶏"], ["麥", "麦"],
      ["黃", "黄"], ["齒科", "歯科"], ["齡", "齢"], ["澁谷", "渋谷"], ["凜", "凛"], ["恆", "恒"], ["𠮷田", "吉田"], ["𡈽屋", "土屋"],
      ["檜山", "桧山"], ["藪", "薮"], ["籠", "篭"], ["栁田", "柳田"], ["塲", "場"], ["杦", "杉"], ["舩橋", "船橋"], ["﨔", "欅"],
      ["神", "神"], ["塚", "塚"], // compatibility ideographs, by NFKC
    ];
    for (const [variant, standard] of pairs) same(variant, standard);
    // Every entry of the table is covered above, and folds to a character that stays as it is.
    const covered = new Set(pairs.flatMap(([v]) => [...v]));
    for (const [from, to] of Object.entries(VARIANT_KANJI)) {
      expect(covered.has(from), `${from} is tested`).toBe(true);
      expect(foldText(to), `${to} is a fixed point`).toBe(to);
    }
  });

  it("drops ideographic variation selectors (IVS)", () => {
    same("辻\u{E0100}", "辻");
    same("葛\u{E0101}飾", "葛飾");
  });

  it("folds width, case and white space", () => {
    same("ＡＢＣ病院", "abc病院");
    same("ｸﾘﾆｯｸ", "クリニック");
    same("第２", "第2");
    same("ＩＣＵ", "icu");
    expect(foldText("　東京都\u3000千代田区  神田\n")).toBe("東京都 千代田区 神田");
  });

  it("folds ヶ, ヵ, and が/ガ/け/ケ between kanji; kana stay as written in running text", () => {
    same("茅ヶ崎", "茅ケ崎");
    same("霞が関", "霞ヶ関");
    same("一ヵ月", "一カ月");
    // Okurigana and particles stay hiragana for the segmenter: 看取り, not 看取リ.
    expect(foldText("看取りまで支えます")).toBe("看取りまで支えます");
    // が elsewhere stays が: ながの is not なけの.
    expect(foldText("ながの")).toBe("ながの");
  });

  it("folds every kana to katakana and small kana to full size where nothing segments (foldKana)", () => {
    const kana = (s: string) => foldKana(foldText(s));
    expect(kana("さくら")).toBe(kana("サクラ"));
    expect(kana("キャノン")).toBe(kana("キヤノン"));
    expect(kana("ゝ")).toBe(kana("ヽ"));
    expect(kana("ｸﾘﾆｯｸ")).toBe(kana("くりにっく"));
    expect(isKanaWord("くりにっく")).toBe(true);
    expect(isKanaWord("看取り")).toBe(false);
    expect(prepareQuery("くりにっく 看取り")).toEqual(["クリニック", "看取り"]);
  });

  it("drops the long-vowel mark at the end of a katakana word only", () => {
    same("コンピューター", "コンピュータ");
    same("センター病院", "センタ病院");
    same("せんたー", "せんた");
    expect(foldText("スーパー")).toBe("スーパ");
    expect(foldText("ー")).toBe("ー");
  });

  it("leaves nothing of a NUL or control text that could break a search", () => {
    expect(foldText("")).toBe("");
    expect(foldText("   ")).toBe("");
  });
});

describe("readings and romaji", () => {
  it("stores the reading as hiragana whatever was typed", () => {
    expect(hiraganaReading("ヤマザキ　ビョウイン")).toBe("やまざき びょういん");
    expect(hiraganaReading("ｻｸﾗｼﾝﾘｮｳｼﾞｮ")).toBe("さくらしんりょうじょ");
    expect(hiraganaReading("ヴィラ")).toBe("ゔぃら");
    expect(hiraganaReading("センター")).toBe("せんたー");
  });

  it("writes romaji with long vowels shortened", () => {
    expect(romajiOfReading("やまざき びょういん")).toBe("yamazaki byoin");
    expect(romajiOfReading("とうきょう")).toBe("tokyo");
    expect(romajiOfReading("おおさか")).toBe("osaka");
    expect(romajiOfReading("ちゅうおう")).toBe("chuo");
  });

  it("reads typed romaji in Hepburn and kunrei spellings, with n, nn, m and oh", () => {
    for (const [typed, key] of [
      ["yamazaki", "yamazaki"], ["toukyou", "tokyo"], ["tōkyō", "tokyo"], ["tohkyoh", "tokyo"], ["sinbasi", "shinbashi"],
      ["shimbashi", "shinbashi"], ["tukuba", "tsukuba"], ["tikusi", "chikushi"], ["huzisawa", "fujisawa"], ["kannai", "kannai"],
      ["ohno", "ono"], ["oono", "ono"],
    ] as const) expect(romajiKey(typed), typed).toBe(key);
    // Abbreviations and English stay as typed.
    for (const word of ["icu", "acp", "clinic", "e-learning", "dx"]) expect(romajiKey(word), word).toBeNull();
  });

  it("allows Meilisearch's number of typos in romaji, with the first letter right", () => {
    expect(typoMatch("yamazaki byoin", "yamasaki")).toBe(true);
    expect(typoMatch("yamazaki byoin", "kamazaki")).toBe(false);
    expect(typoMatch("yamazaki", "yama")).toBe(false); // too short for a typo
    expect(typoMatch("watanabe", "watanbe")).toBe(true);
  });
});

describe("the text rule shared by the fallback and alerts", () => {
  const text = searchTextOf({
    name: "山﨑内科クリニック", nameKana: "やまざきないかくりにっく", prefectureCode: "01", city: "札幌市中央区",
    departmentCodes: ["naika", "masuika"], activityCodes: ["4-4"], stance: "在宅医療を学べます。", hopes: "", description: "週4日から",
  });
  const matches = (q: string) => matchesWords(haystackOf(text), romajiHaystackOf(text), prepareQuery(q));

  it("searches every field of the definition, every word required", () => {
    for (const q of ["山崎", "北海道 札幌", "麻酔科", "ACP", "在宅医療", "週４日", "ヤマザキ", "yamazaki", "やまざき くりにっく"]) expect(matches(q), q).toBe(true);
    for (const q of ["山崎 大阪", "小児科", "tanaka"]) expect(matches(q), q).toBe(false);
  });
});
