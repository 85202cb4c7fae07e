import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, SubmitButton, TextField, useZodForm, type ServerFormResult } from "~/components/forms";
import { Photo } from "~/components/photo";
import { requireFacilityMembership } from "~/facilities/access.server";
import { canEditDraft } from "~/facilities/lifecycle";
import { addPhoto, movePhoto, photosOf, removePhoto, updatePhotoText, type PhotoView } from "~/photos/photos.server";
import { PHOTO_LIMITS } from "~/photos/process.server";
import { photoTextSchema } from "~/schemas/forms.server";
import { prisma } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "写真｜GMネットワーク" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  const draft = await prisma.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId: facility.id, stage: "DRAFT" } }, select: { name: true } });
  return {
    facilityId: facility.id,
    name: draft.name,
    photos: await photosOf(facility.id, "DRAFT"),
    canEdit: canEditDraft(facility.status, facility.revisionStatus),
    published: facility.status === "PUBLISHED",
    limit: PHOTO_LIMITS.perFacility,
  };
}

const DONE: Record<string, string> = {
  upload: "写真を追加しました。",
  edit: "説明を保存しました。",
  move: "並び順を変えました。",
  remove: "写真を削除しました。",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  // A cut-off or malformed upload cannot be read: say so rather than fail with a 500.
  const formData = await request.formData().catch(() => {
    throw new Response("送信された内容を読み取れませんでした。ページを開き直して、もう一度お試しください。", { status: 400 });
  });
  const intent = String(formData.get("intent") ?? "");
  const photoId = String(formData.get("photoId") ?? "");
  const failed = (error: string, status: number) => data({ ...formFailure(formData, error), intent, photoId }, { status });
  let outcome: { ok: true } | { ok: false; error: string; status: number };
  switch (intent) {
    case "upload": {
      const parsed = parseForm(formData, photoTextSchema);
      if (!parsed.ok) return data({ ...parsed, intent, photoId }, { status: 400 });
      const file = formData.get("photo");
      if (!(file instanceof File) || file.size === 0) return failed("写真のファイルを選んでください。", 400);
      outcome = await addPhoto({ facilityId: facility.id, bytes: new Uint8Array(await file.arrayBuffer()), ...parsed.data });
      if (!outcome.ok) return failed(`${outcome.error}（説明はそのまま残っています。写真をもう一度選んでください）`, outcome.status);
      break;
    }
    case "edit": {
      const parsed = parseForm(formData, photoTextSchema);
      if (!parsed.ok) return data({ ...parsed, intent, photoId }, { status: 400 });
      outcome = await updatePhotoText({ facilityId: facility.id, photoId, ...parsed.data });
      break;
    }
    case "up":
    case "down":
      outcome = await movePhoto({ facilityId: facility.id, photoId, direction: intent });
      break;
    case "remove":
      outcome = await removePhoto({ facilityId: facility.id, photoId });
      break;
    default:
      throw new Response("不明な操作です", { status: 400 });
  }
  if (!outcome.ok) return failed(outcome.error, outcome.status);
  return redirect(`/facility/facilities/${facility.id}/photos?done=${intent === "up" || intent === "down" ? "move" : intent}`);
}

type Result = (ServerFormResult & { intent?: string; photoId?: string }) | undefined;

function UploadForm({ result }: { result: Result }) {
  const { field, onSubmit } = useZodForm(() => import("~/schemas/photo").then((m) => m.photoTextSchema), result?.intent === "upload" ? result : null);
  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="mb-8 rounded-lg border border-stone-200 bg-white p-6">
      <h2 className="mb-3 text-lg font-bold">写真を追加する</h2>
      <input type="hidden" name="intent" value="upload" />
      <div className="mb-4">
        <label htmlFor="photo-file" className="mb-1 block font-semibold">
          写真のファイル<span className="ml-1 text-sm text-red-800">（必須）</span>
        </label>
        <p id="photo-file-hint" className="mb-1 text-sm text-stone-600">
          JPEG・PNG・WebP・AVIF、10MBまで。横{480}ピクセル以上。撮影場所などの情報（位置情報を含む）は取り除いて保存します。
        </p>
        <input id="photo-file" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required aria-describedby="photo-file-hint" className="block w-full text-base" />
      </div>
      <TextField label="写真の説明" hint="目の見えない方にも伝わるよう、写っているものを書いてください。例: 外来の待合室。窓が大きく明るい" required maxLength={120} {...field("alt")} />
      <TextField label="キャプション" hint="任意。写真の下に表示されます（200文字以内）" maxLength={200} {...field("caption")} />
      <SubmitButton pendingText="写真を処理しています…">追加する</SubmitButton>
    </Form>
  );
}

function PhotoItem({ photo, index, count, canEdit, result }: { photo: PhotoView; index: number; count: number; canEdit: boolean; result: Result }) {
  const mine = result?.intent === "edit" && result.photoId === photo.id ? result : null;
  const { field, onSubmit } = useZodForm(() => import("~/schemas/photo").then((m) => m.photoTextSchema), mine, { alt: photo.alt, caption: photo.caption });
  return (
    <li className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[12rem_1fr]">
      <div>
        <Photo photo={photo} sizes="12rem" className="aspect-[4/3] w-full rounded object-cover" />
        <p className="mt-1 text-sm text-stone-700">{index === 0 ? "1枚め（検索結果に表示）" : `${index + 1}枚め`}</p>
      </div>
      {canEdit ? (
        <div>
          <Form method="post" noValidate onSubmit={onSubmit} className="mb-3">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="photoId" value={photo.id} />
            <TextField label="写真の説明" required maxLength={120} {...field("alt")} />
            <TextField label="キャプション" maxLength={200} {...field("caption")} />
            <SubmitButton secondary>説明を保存する</SubmitButton>
          </Form>
          <div className="flex flex-wrap gap-2">
            {(["up", "down"] as const).map((direction) => (
              <Form method="post" key={direction}>
                <input type="hidden" name="intent" value={direction} />
                <input type="hidden" name="photoId" value={photo.id} />
                <button
                  type="submit"
                  disabled={direction === "up" ? index === 0 : index === count - 1}
                  className="rounded-md border border-stone-400 bg-white px-3 py-1.5 hover:bg-stone-100 disabled:opacity-40"
                >
                  {direction === "up" ? "前へ" : "後ろへ"}
                  <span className="sr-only">（{photo.alt}）</span>
                </button>
              </Form>
            ))}
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="photoId" value={photo.id} />
              <button type="submit" className="rounded-md border border-red-700 bg-white px-3 py-1.5 text-red-800 hover:bg-red-50">
                削除する<span className="sr-only">（{photo.alt}）</span>
              </button>
            </Form>
          </div>
        </div>
      ) : (
        <div>
          <p className="font-semibold">{photo.alt}</p>
          {photo.caption ? <p className="text-stone-700">{photo.caption}</p> : null}
        </div>
      )}
    </li>
  );
}

export default function Photos() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to={`/facility/facilities/${d.facilityId}`}>← {d.name || "医療機関"}</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">写真</h1>
      <p className="mb-4 text-stone-700">
        建物や診療の様子、職員の写真を{d.limit}枚まで掲載できます（任意）。1枚めが検索結果に表示されます。
        {d.published ? "写真の変更も、ほかの項目と同じく事務局の確認後に公開ページに反映されます。" : "申請すると、ほかの項目と一緒に事務局が確認します。"}
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}
      {result?.formError && result.intent !== "upload" ? <FormAlert>{result.formError}</FormAlert> : null}
      {!d.canEdit ? <FormAlert tone="info">事務局が確認中のため、今は写真を変更できません。申請した写真を表示しています。</FormAlert> : null}
      {d.photos.length ? (
        <ol className="mb-8 space-y-4" aria-label="掲載する写真">
          {d.photos.map((p, i) => (
            <PhotoItem key={`${p.id}-${p.alt}-${p.caption}`} photo={p} index={i} count={d.photos.length} canEdit={d.canEdit} result={result} />
          ))}
        </ol>
      ) : (
        <p className="mb-8 text-stone-700">まだ写真はありません。</p>
      )}
      {d.canEdit && d.photos.length < d.limit ? (
        <>
          {result?.formError && result.intent === "upload" ? <FormAlert>{result.formError}</FormAlert> : null}
          <UploadForm key={d.photos.length} result={result} />
        </>
      ) : d.canEdit ? (
        <p className="mb-8">写真は{d.limit}枚までです。追加するには、先にどれかを削除してください。</p>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
