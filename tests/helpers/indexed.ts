import { PREFECTURES } from "~/reference/prefectures";

type Answer = { engine: string; total: number; hits: Array<{ slug: string }> };

/**
 * Waits until the listings of a prefecture are in the site's Meilisearch index (the site indexes
 * them in the background after it starts). A search without words would not tell: the site
 * answers it from its own table of the database's listings. A search for the prefecture's name
 * (in every listing's indexed text) is one Meilisearch answers.
 */
export async function waitUntilIndexed(baseUrl: string, prefectureCode: string, done: (answer: Answer) => boolean, what: string) {
  const name = PREFECTURES.find((p) => p.code === prefectureCode)!.name;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = (await (await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(name)}&prefecture=${prefectureCode}&perPage=50`)).json()) as Answer;
    if (body.engine === "meilisearch" && done(body)) return;
    if (Date.now() > deadline) throw new Error(`${what} were not indexed in time: ${JSON.stringify(body).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
