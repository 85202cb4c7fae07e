import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lengthRule, TextAreaField, TextField } from "~/components/forms";

const registration = { name: "x", onChange: async () => {}, onBlur: async () => {}, ref: () => {} };

describe("form fields", () => {
  it("keep the box's border and padding when a width is given (病床数 had no visible box)", () => {
    const html = renderToStaticMarkup(<TextField label="病床数" className="w-32" registration={registration} />);
    expect(html).toMatch(/class="block rounded-md border bg-white px-3 py-2 text-base border-stone-400 w-32"/);
    expect(renderToStaticMarkup(<TextField label="医療機関名" registration={registration} />)).toContain("w-full");
  });

  it("write the length rule in one closed bracket after the hint", () => {
    expect(lengthRule({ minLength: 20, maxLength: 2000, required: true })).toBe("（20文字以上、2000文字以内）");
    expect(lengthRule({ maxLength: 1000 })).toBe("（任意、1000文字以内）");
    expect(lengthRule({ maxLength: 1000, required: true })).toBe("（1000文字以内）");
    const html = renderToStaticMarkup(
      <TextAreaField label="受け入れと育成の方針" hint="医師が最初に読む文章です" required minLength={20} maxLength={2000} registration={registration} />,
    );
    expect(html).toContain("医師が最初に読む文章です（20文字以上、2000文字以内）");
    // Every bracket opened is closed, never nested.
    const text = html.replace(/<[^>]+>/g, "");
    let depth = 0;
    for (const ch of text) {
      if (ch === "（") expect(++depth).toBe(1);
      if (ch === "）") expect(--depth).toBe(0);
    }
    expect(depth).toBe(0);
  });
});
