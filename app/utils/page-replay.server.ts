import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a page's loaders did that a copy of the page served from the page cache
 * (app/server/page-cache.server.ts) must do again, and whether the page may be kept at all.
 *
 * The page cache runs the page's first rendering inside `recordPage`. Loaders say, through
 * `onEveryServe`, what must happen each time the page is served (count a view of a listing, count
 * appearances in search results), and `usesSearchAnswers` / `doNotKeepPage` say when the page
 * depends on Meilisearch's answers or must not be kept (an answer from the fallback).
 */
export type PageRecord = { replays: Array<(request: Request) => void>; usesSearch: boolean; keep: boolean };
const recording = new AsyncLocalStorage<PageRecord>();

export function recordPage<T>(record: PageRecord, render: () => Promise<T>) {
  return recording.run(record, render);
}

export function onEveryServe(replay: (request: Request) => void) {
  recording.getStore()?.replays.push(replay);
}

export function usesSearchAnswers() {
  const record = recording.getStore();
  if (record) record.usesSearch = true;
}

export function doNotKeepPage() {
  const record = recording.getStore();
  if (record) record.keep = false;
}
