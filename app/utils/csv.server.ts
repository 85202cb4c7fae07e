import { stringify } from "csv-stringify/sync";

/**
 * CSV that Excel in Japan opens as it should: UTF-8 with a BOM, CRLF line ends, every field
 * quoted where needed by csv-stringify. A text cell starting with = + - @, a tab or a carriage
 * return would be run as a formula by a spreadsheet (CSV injection): it gets a leading
 * apostrophe. Numbers stay numbers.
 */
export function excelCsv(header: string[], rows: Array<Array<string | number | boolean | null | undefined>>) {
  const cells = rows.map((row) => row.map(safeCell));
  return "\uFEFF" + stringify([header, ...cells], { record_delimiter: "windows" });
}

export function safeCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "はい" : "いいえ";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
