import { parse } from "csv-parse/sync";

/**
 * Reading the CSV the application form exports (Google Forms, or Excel after editing): UTF-8
 * with or without a BOM, UTF-16 from Excel's "Unicode text", or Shift_JIS (Excel's default CSV
 * in Japan). The encoding is detected, never guessed from the file name; a file that is none of
 * them, or not a CSV at all, is refused with a message saying what to do.
 */
export const MAX_ROWS = 10_000;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type DecodedCsv = { ok: true; encoding: string; text: string } | { ok: false; message: string };

function decode(bytes: Uint8Array, encoding: string) {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes.length === 0) return { ok: false, message: "ファイルが空です。フォームから書き出したCSVファイルを選んでください。" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: "ファイルが大きすぎます（10MBまで）。ファイルを分けて取り込んでください。" };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { ok: false, message: "Excelのファイル（.xlsx）は読み込めません。Excelで「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」として保存し直してください。" };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decode(bytes, "utf-8");
    return text === null ? { ok: false, message: "UTF-8として読めない文字が含まれています。ファイルを保存し直してください。" } : { ok: true, encoding: "UTF-8（BOM付き）", text };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const text = decode(bytes, bytes[0] === 0xff ? "utf-16le" : "utf-16be");
    if (text !== null) return { ok: true, encoding: "UTF-16", text };
  }
  if (bytes.includes(0)) return { ok: false, message: "CSVファイルではないようです。フォームの回答をCSV形式でダウンロードしたファイルを選んでください。" };
  const utf8 = decode(bytes, "utf-8");
  if (utf8 !== null) return { ok: true, encoding: "UTF-8", text: utf8 };
  const sjis = decode(bytes, "shift_jis");
  if (sjis !== null) return { ok: true, encoding: "Shift_JIS", text: sjis };
  return { ok: false, message: "文字コードを判別できませんでした。UTF-8 か Shift_JIS のCSVファイルとして保存し直してください。" };
}

export type ParsedCsv = { ok: true; headers: string[]; rows: string[][] } | { ok: false; message: string };

export function parseCsv(text: string): ParsedCsv {
  let records: string[][];
  try {
    // Tabs too: Excel's "Unicode text" is tab-separated.
    const delimiter = !text.slice(0, 2000).includes(",") && text.slice(0, 2000).includes("\t") ? "\t" : ",";
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: 100_000 });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, message: `CSVとして読み取れませんでした${line ? `（${line}行目付近）` : ""}。引用符（"）の閉じ忘れなどがないか確認してください。` };
  }
  const [head, ...rows] = records;
  const headers = (head ?? []).map((h) => h.normalize("NFKC").trim());
  if (headers.length < 2 || headers.every((h) => h === "")) {
    return { ok: false, message: "1行目に見出し（「医療機関名」「メールアドレス」など）がありません。フォームから書き出したままのCSVを選んでください。" };
  }
  const empty = headers.findIndex((h) => h === "");
  if (empty >= 0) return { ok: false, message: `1行目の${empty + 1}列目に見出しがありません。すべての列に見出しをつけてください。` };
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) return { ok: false, message: `見出し「${h}」が2つあります。見出しは列ごとに別の名前にしてください。` };
    seen.add(h);
  }
  if (rows.length === 0) return { ok: false, message: "見出しの行だけで、回答の行がありません。" };
  if (rows.length > MAX_ROWS) return { ok: false, message: `行が多すぎます（${rows.length.toLocaleString("ja-JP")}行）。1回に取り込めるのは${MAX_ROWS.toLocaleString("ja-JP")}行までです。ファイルを分けてください。` };
  return { ok: true, headers, rows: rows.map((r) => headers.map((_, i) => r[i] ?? "")) };
}
