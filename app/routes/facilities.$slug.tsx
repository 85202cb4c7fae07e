import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatJstDate } from "~/utils/dates";
import { displayValue, mapLink } from "~/facilities/display.server";
import type { ProfileContent } from "~/facilities/profile";
import { countPageView } from "~/facilities/figures.server";
import { publicFacility } from "~/facilities/queries.server";
import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { prefectureByCode } from "~/reference/prefectures";
import { FavouriteButton } from "~/components/favourite-button";
import { savedSlugs } from "~/physicians/favourites.server";
import { getUser } from "~/utils/session.server";
import { Photo } from "~/components/photo";
import { photosOf } from "~/photos/photos.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  d && "profile" in d && d.profile
    ? [
        { title: `${d.profile.name}（${d.profile.prefecture}${d.profile.city}）｜GMネットワーク` },
        { name: "description", content: d.profile.stance.slice(0, 120) },
      ]
    : [{ title: "掲載終了｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/** The public page of a published listing: approved content only, no login needed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [result, user] = await Promise.all([publicFacility(params.slug ?? ""), getUser(request)]);
  if (result.state === "missing") throw new Response("見つかりません", { status: 404 });
  if (result.state === "ended") return data({ ended: true as const, name: result.name ?? "" }, { status: 410 });
  countPageView(result.facility.slug, request, user?.role);
  const p = result.profile as ProfileContent;
  const activities = new Set(p.activityCodes);
  const viewer = user?.role ?? "ANONYMOUS";
  const [saved, photos] = await Promise.all([
    user?.role === "PHYSICIAN" ? savedSlugs(user.id, [result.facility.slug]).then((s) => s.length > 0) : false,
    photosOf(result.facility.id, "APPROVED"),
  ]);
  return {
    ended: false as const,
    slug: result.facility.slug,
    viewer,
    saved,
    photos,
    contentApprovedAt: result.facility.contentApprovedAt ? formatJstDate(result.facility.contentApprovedAt) : "",
    profile: {
      name: p.name,
      nameKana: p.nameKana,
      kind: displayValue("kind", p),
      bedCount: p.bedCount,
      prefecture: (p.prefectureCode && prefectureByCode(p.prefectureCode)?.name) || "",
      city: p.city,
      address: p.address,
      access: p.access ?? "",
      mapUrl: mapLink(p),
      postalCode: p.postalCode,
      phone: p.phone,
      website: p.website,
      departments: displayValue("departmentCodes", p),
      stance: p.stance,
      hopes: p.hopes,
      welcomed: displayValue("welcomedSpecialtyCodes", p),
      supervisorAvailable: p.supervisorAvailable,
      consultationSetup: p.consultationSetup,
      consultationFrequency: p.consultationFrequency,
      learning: [
        p.learningTimeProtected ? "勤務時間内に学習時間を確保" : null,
        p.scheduleAdjustment ? "研修日の勤務調整" : null,
        p.programSupport ? "総合医育成プログラムの受講支援" : null,
      ].filter(Boolean) as string[],
      learningSupport: p.learningSupport,
      employmentForms: displayValue("employmentFormCodes", p),
      employmentTerms: p.employmentTerms,
      activities: ACTIVITY_CATEGORIES.map((c) => ({ name: c.name, items: c.activities.filter((a) => activities.has(a.code)).map((a) => a.name) })).filter((c) => c.items.length),
    },
  };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
      <h2 className="mb-3 border-l-4 border-brand-600 pl-3 text-lg font-bold">{title}</h2>
      {children}
    </section>
  );
}

export default function PublicFacility() {
  const d = useLoaderData<typeof loader>();
  if (d.ended) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="mb-4 text-2xl font-bold">掲載終了</h1>
        <p className="mb-4">{d.name ? `「${d.name}」の` : "この医療機関の"}掲載は終了しています。</p>
        <Link to="/">トップページへ</Link>
      </div>
    );
  }
  const p = d.profile;
  return (
    <article className="mx-auto max-w-3xl">
      <header className="mb-6">
        <p className="text-stone-600">
          {p.prefecture}
          {p.city}・{p.kind}
          {p.bedCount ? `（${p.bedCount}床）` : ""}
        </p>
        <h1 className="text-2xl leading-snug font-bold sm:text-3xl">{p.name}</h1>
        <p className="text-sm text-stone-600">{p.nameKana}</p>
        <p className="mt-2 text-sm text-stone-600">掲載情報の確認日：{d.contentApprovedAt}</p>
        {d.viewer === "PHYSICIAN" || d.viewer === "ANONYMOUS" ? (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Link to={`/facilities/${d.slug}/inquiry`} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
              この医療機関に相談する
            </Link>
            {d.viewer === "PHYSICIAN" ? <FavouriteButton slug={d.slug} saved={d.saved} redirectTo={`/facilities/${d.slug}`} name={p.name} /> : null}
            {d.viewer === "ANONYMOUS" ? <span className="text-sm text-stone-600">相談には医師の会員登録（無料）とログインが必要です。</span> : null}
          </div>
        ) : null}
      </header>
      {d.photos.length ? (
        <section aria-label="写真" className="mb-6">
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {d.photos.map((photo, i) => (
              <li key={photo.id} className={i === 0 ? "col-span-2 sm:col-span-3" : ""}>
                <figure>
                  <Photo
                    photo={photo}
                    eager={i === 0}
                    sizes={i === 0 ? "(min-width: 768px) 48rem, 100vw" : "(min-width: 640px) 16rem, 50vw"}
                    className={`w-full rounded-lg object-cover ${i === 0 ? "aspect-[16/9]" : "aspect-[4/3]"}`}
                  />
                  {photo.caption ? <figcaption className="mt-1 text-sm text-stone-700">{photo.caption}</figcaption> : null}
                </figure>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Section title="受け入れと育成の方針">
        <p className="whitespace-pre-wrap">{p.stance}</p>
      </Section>
      {p.hopes || p.welcomed ? (
        <Section title="求める医師像">
          {p.hopes ? <p className="mb-2 whitespace-pre-wrap">{p.hopes}</p> : null}
          {p.welcomed ? <p className="text-stone-700">特に歓迎する専門領域：{p.welcomed}</p> : null}
        </Section>
      ) : null}
      <Section title="指導・相談体制">
        <p className="mb-2">
          <span className={`mr-2 rounded px-2 py-0.5 text-sm font-semibold ${p.supervisorAvailable ? "bg-emerald-100 text-emerald-900" : "bg-stone-200"}`}>
            {p.supervisorAvailable ? "指導医あり" : "指導医なし"}
          </span>
          相談できる頻度：{p.consultationFrequency}
        </p>
        <p className="whitespace-pre-wrap">{p.consultationSetup}</p>
      </Section>
      <Section title="働きながら学ぶための支援">
        {p.learning.length ? (
          <ul className="mb-2 flex flex-wrap gap-2">
            {p.learning.map((l) => (
              <li key={l} className="rounded bg-brand-50 px-2 py-0.5 text-sm text-brand-800">
                {l}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="whitespace-pre-wrap">{p.learningSupport}</p>
      </Section>
      <Section title="勤務形態">
        <p className="mb-2 font-semibold">{p.employmentForms}</p>
        <p className="whitespace-pre-wrap">{p.employmentTerms}</p>
      </Section>
      {p.activities.length ? (
        <Section title="実地研修で参加できる地域の活動">
          {p.activities.map((c) => (
            <div key={c.name} className="mb-2">
              <p className="font-semibold text-stone-700">{c.name}</p>
              <p>{c.items.join("、")}</p>
            </div>
          ))}
        </Section>
      ) : null}
      <Section title="基本情報">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[8rem_1fr]">
          <dt className="font-semibold text-stone-700">標榜診療科</dt>
          <dd>{p.departments}</dd>
          <dt className="font-semibold text-stone-700">所在地</dt>
          <dd>
            〒{p.postalCode} {p.prefecture}
            {p.city}
            {p.address}
            <br />
            <a href={p.mapUrl} target="_blank" rel="noopener noreferrer">
              地図で見る（Googleマップ・新しいタブ）
            </a>
          </dd>
          {p.access ? (
            <>
              <dt className="font-semibold text-stone-700">最寄り駅・アクセス</dt>
              <dd className="whitespace-pre-wrap">{p.access}</dd>
            </>
          ) : null}
          <dt className="font-semibold text-stone-700">電話番号</dt>
          <dd>
            <a href={`tel:${p.phone.replace(/-/g, "")}`}>{p.phone}</a>
          </dd>
          {p.website ? (
            <>
              <dt className="font-semibold text-stone-700">ウェブサイト</dt>
              <dd className="break-all">
                <a href={p.website} rel="noopener noreferrer nofollow" target="_blank">
                  {p.website}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </Section>
      <p className="text-sm text-stone-600">
        研修や雇用の条件は、医療機関と医師の間で直接ご相談ください。掲載内容は医療機関が作成し、運営委員会が確認したものです。
      </p>
      <p className="mt-3 text-sm">
        <Link to={`/facilities/${d.slug}/report`}>掲載内容について事務局に知らせる</Link>
        <span className="text-stone-600">（内容が事実と異なる、古いなど。ログイン不要）</span>
      </p>
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
