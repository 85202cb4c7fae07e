import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Which folder may import which (docs/decisions/0001-stack-and-layout.md). */
function importsOf(dir: string) {
  const out: Array<{ file: string; target: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
      const target = spec!.startsWith("~/") ? path.join("app", spec!.slice(2)) : spec!.startsWith(".") ? path.join(path.dirname(file), spec!) : null;
      if (target) out.push({ file, target: path.normalize(target) });
    }
  }
  return out;
}

describe("layers", () => {
  it("facilities and payments do not import each other both ways: payments uses facilities, never the reverse", () => {
    expect(importsOf("app/facilities").filter((i) => i.target.startsWith("app/payments"))).toEqual([]);
  });

  it("utils and billing import nothing above them", () => {
    const allowed = ["app/utils", "app/reference", "app/generated", "app/billing", "emails"];
    const above = [...importsOf("app/utils"), ...importsOf("app/billing")].filter((i) => !allowed.some((a) => i.target.startsWith(a)));
    expect(above).toEqual([]);
  });
});

describe("error boundaries", () => {
  it("every page route has its own boundary, so a failure replaces that page only and explains itself in Japanese", () => {
    const pages = readdirSync("app/routes").filter((f) => f.endsWith(".tsx") && /export default/.test(readFileSync(path.join("app/routes", f), "utf8")));
    expect(pages.length).toBeGreaterThan(30);
    const without = pages.filter((f) => !/export \{ RouteErrorBoundary as ErrorBoundary \}|export function ErrorBoundary/.test(readFileSync(path.join("app/routes", f), "utf8")));
    expect(without).toEqual([]);
  });
});
