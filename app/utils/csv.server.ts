import { stringify } from "csv-stringify/sync";

/**
 * CSV that Excel in Japan opens as it should: UTF-8 with a BOM, CRLF line ends, every field
 * quoted where needed by csv-stringify. A text cell starting with = + - @, a tab or a carriage
 * return would be run as a formula by a spreadsheet (CSV injection): it gets a leading
 * apostrophe. Numbers stay numbers.
 */
export function excelCsv(header: string[], rows: Row[]) {
  return "\uFEFF" + csvLines([header]) + csvLines(rows.map((row) => row.map(safeCell)));
}

/** Records as CSV lines, CRLF-terminated (the header is passed as is, rows through safeCell). */
const csvLines = (records: Array<Array<string | number>>) => (records.length ? stringify(records, { record_delimiter: "windows" }) : "");

export function safeCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "はい" : "いいえ";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Row = Array<string | number | boolean | null | undefined>;

/**
 * The same file as excelCsv, made one batch of rows at a time as the client reads it: an export
 * of every facility in Japan never holds more than one batch in memory, and a slow download
 * slows the reading of the batches (the response writer respects backpressure).
 */
export function excelCsvStream(header: string[], batches: AsyncIterable<Row[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("\uFEFF" + csvLines([header])));
        return;
      }
      const next = await iterator.next();
      if (next.done) return controller.close();
      if (next.value.length) controller.enqueue(encoder.encode(csvLines(next.value.map((row) => row.map(safeCell)))));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
