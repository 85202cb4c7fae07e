import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FavouriteButton } from "~/components/favourite-button";
import { requirePhysician } from "~/physicians/access.server";
import { listFavourites, removeFavourite, saveFavourite } from "~/physicians/favourites.server";
import { formatJstDate } from "~/utils/dates";
import { safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "お気に入り｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const favourites = await listFavourites(user.id);
  return { favourites: favourites.map((f) => ({ ...f, savedAt: formatJstDate(f.savedAt) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePhysician(request);
  const formData = await request.formData();
  const slug = String(formData.get("slug") ?? "");
  const intent = formData.get("intent");
  if (intent === "save") {
    if (!(await saveFavourite(user.id, slug))) return data({ error: "この医療機関は現在掲載されていないため、保存できません。" }, { status: 404 });
  } else if (intent === "unsave") {
    await removeFavourite(user.id, slug);
  } else {
    throw new Response("不明な操作です", { status: 400 });
  }
  return redirect(safeRedirect(formData.get("redirectTo"), "/physician/favourites"));
}

export default function Favourites() {
  const { favourites } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-2xl font-bold">お気に入りの医療機関</h1>
      {favourites.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white p-5">
          まだ保存した医療機関はありません。<Link to="/search">医療機関を探す</Link>
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {favourites.map((f) => (
            <li key={f.facilityId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                {f.listed ? (
                  <Link to={`/facilities/${f.slug}`} className="font-semibold">
                    {f.name}
                  </Link>
                ) : (
                  <span className="font-semibold text-stone-600">{f.name}</span>
                )}
                <span className="ml-2 text-sm text-stone-600">{f.place}</span>
                {!f.listed ? <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs">現在は掲載されていません</span> : null}
                <span className="block text-sm text-stone-500">保存日：{f.savedAt}</span>
              </div>
              <FavouriteButton slug={f.slug} saved redirectTo="/physician/favourites" name={f.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
