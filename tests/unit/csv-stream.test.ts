import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { excelCsv, excelCsvStream } from "~/utils/csv.server";

async function* inBatches<T>(rows: T[], size: number) {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("the streamed CSV export", () => {
  const header = ["医療機関名", "市区町村", "病床数"];
  const rows = Array.from({ length: 7 }, (_, i) => [
    i % 2 ? `髙橋内科𠮷野分院 ${i}` : `=HYPERLINK("x") ${i}`,
    i % 3 ? "ｷｮｳﾄ市\n中京区" : "@SUM(1)",
    i * 10,
  ]);

  it("writes, batch by batch, the very bytes of the whole file", async () => {
    const whole = new TextEncoder().encode(excelCsv(header, rows));
    for (const size of [1, 2, 3, 7, 50]) {
      expect(await bytesOf(excelCsvStream(header, inBatches(rows, size)))).toEqual(whole);
    }
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(whole);
    const parsed = parse(text.slice(1)) as string[][];
    expect(parsed).toHaveLength(8);
    expect(parsed[1]![0]).toBe(`'=HYPERLINK("x") 0`);
    expect(parsed[2]![1]).toBe("ｷｮｳﾄ市\n中京区");
  });

  it("gives the header alone for no rows, and stops reading when the download is cancelled", async () => {
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(excelCsvStream(header, inBatches([], 5))))).toBe("\uFEFF医療機関名,市区町村,病床数\r\n");
    let read = 0;
    let closed = false;
    async function* counted() {
      try {
        for (;;) {
          read++;
          yield [["a", "b", 1]];
        }
      } finally {
        closed = true;
      }
    }
    const reader = excelCsvStream(header, counted()).getReader();
    for (let i = 0; i < 4; i++) await reader.read();
    await reader.cancel();
    expect(read).toBe(3);
    expect(closed).toBe(true);
  });
});
