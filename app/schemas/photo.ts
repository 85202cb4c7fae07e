import { z } from "zod";
import { text } from "./fields";

/**
 * The words that go with a photo. The file itself is checked by its bytes on the server
 * (app/photos/process.server.ts); a form cannot check that.
 */
export const photoTextSchema = z.object({
  alt: text("写真の説明", { min: 1, max: 120 }),
  caption: text("キャプション", { max: 200 }),
});
