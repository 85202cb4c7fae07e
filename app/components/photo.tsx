/** A stored photo: AVIF where the browser takes it, WebP otherwise, at the width the layout needs. */
export type PhotoLike = { key: string; width: number; height: number; widths: number[]; alt: string };

const url = (key: string, width: number, format: "avif" | "webp") => `/photos/${key}/${width}.${format}`;
const srcSet = (photo: PhotoLike, format: "avif" | "webp") => photo.widths.map((w) => `${url(photo.key, w, format)} ${w}w`).join(", ");

export function Photo({ photo, sizes, className, eager = false }: { photo: PhotoLike; sizes: string; className?: string; eager?: boolean }) {
  const smallest = photo.widths[0] ?? photo.width;
  return (
    <picture>
      <source type="image/avif" srcSet={srcSet(photo, "avif")} sizes={sizes} />
      <img
        src={url(photo.key, smallest, "webp")}
        srcSet={srcSet(photo, "webp")}
        sizes={sizes}
        alt={photo.alt}
        width={photo.width}
        height={photo.height}
        loading={eager ? "eager" : "lazy"}
        decoding="async"
        className={className}
      />
    </picture>
  );
}
