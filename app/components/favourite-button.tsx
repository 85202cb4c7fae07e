import { useFetcher } from "@remix-run/react";

/**
 * Save / unsave a facility. A plain form (works without JavaScript, returning to this page);
 * with JavaScript it updates in place.
 */
export function FavouriteButton({ slug, saved, redirectTo, name }: { slug: string; saved: boolean; redirectTo: string; name: string }) {
  const fetcher = useFetcher();
  const pendingIntent = fetcher.formData?.get("intent");
  const isSaved = pendingIntent ? pendingIntent === "save" : saved;
  return (
    <fetcher.Form method="post" action="/physician/favourites" className="inline">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="intent" value={isSaved ? "unsave" : "save"} />
      <button
        type="submit"
        aria-pressed={isSaved}
        aria-label={isSaved ? `${name}をお気に入りから外す` : `${name}をお気に入りに保存`}
        className={`rounded-md border px-3 py-1 text-sm ${isSaved ? "border-amber-500 bg-amber-50 text-amber-900" : "border-stone-400 bg-white hover:bg-stone-100"}`}
      >
        {isSaved ? "★ 保存済み" : "☆ お気に入りに保存"}
      </button>
    </fetcher.Form>
  );
}
