import { createHash } from "node:crypto";
import { z } from "zod";
import type { ProfileContent } from "~/facilities/profile";
import { IMPORT_FIELDS, type ImportField, type Mapping } from "./mapping";
import { PREFECTURES } from "~/reference/prefectures";
import { digitsAndDashes } from "~/schemas/fields";
import { hiraganaReading } from "~/utils/japanese";

/**
 * One form row checked for import. Errors keep the row out (no facility name, no usable
 * address, a formula or HTML in a cell, the same facility twice); warnings name a value that
 * is not usable and is left empty for the facility to fill in when it reviews its draft.
 */
export type RowDraft = {
  operatorName: string;
  contactEmail: string;
  profile: Pick<
    ProfileContent,
    "name" | "nameKana" | "kind" | "bedCount" | "postalCode" | "prefectureCode" | "city" | "address" | "phone" | "website" | "contactName" | "contactTitle" | "contactEmail" | "contactPhone" | "stance" | "hopes"
  >;
};

export type RowCheck = { line: number; key: string; name: string; email: string; errors: string[]; warnings: string[]; state: "valid" | "error" | "imported"; draft: RowDraft | null };

const EMAIL = z.email();
const LIMITS: Partial<Record<ImportField, number>> = { name: 100, operatorName: 100, city: 50, address: 150, contactName: 50, contactTitle: 50, stance: 2000, hopes: 1000 };

/** The import key: the same facility (name, however written) for the same contact address. */
export function rowKey(name: string, email: string) {
  const n = name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  return createHash("sha256").update(`${n}\u0000${email}`).digest("hex").slice(0, 40);
}

function prefectureCodeOf(value: string) {
  const v = value.normalize("NFKC").trim();
  if (/^\d{1,2}$/.test(v)) return PREFECTURES.find((p) => Number(p.code) === Number(v))?.code ?? null;
  const byName = PREFECTURES.find((p) => p.name === v || p.name.replace(/[都道府県]$/, "") === v);
  return byName?.code ?? null;
}

/** A prefecture at the start of an address written in one cell (東京都千代田区…). */
function splitAddress(address: string) {
  const p = PREFECTURES.find((x) => address.startsWith(x.name));
  return p ? { prefectureCode: p.code, rest: address.slice(p.name.length).trim() } : null;
}

export function checkRows(headers: string[], rows: string[][], mapping: Mapping, importedKeys: Set<string>): RowCheck[] {
  const column = new Map<ImportField, number>();
  headers.forEach((h, i) => {
    const key = mapping[h];
    if (key) column.set(key, i);
  });
  const firstLineOf = new Map<string, number>();
  return rows.map((cells, index) => {
    const line = index + 2; // the header is line 1
    const errors: string[] = [];
    const warnings: string[] = [];
    const get = (field: ImportField) => {
      const i = column.get(field);
      const raw = i === undefined ? "" : (cells[i] ?? "");
      const value = raw.replace(/\r\n?/g, "\n").trim();
      const label = IMPORT_FIELDS.find((f) => f.key === field)!.label;
      if (/^[=@]|^[+-]\s*[^\d\s]/.test(value) && field !== "phone" && field !== "contactPhone") {
        errors.push(`「${label}」が数式のような値（${value.slice(0, 20)}）です。数式は取り込めません。`);
        return "";
      }
      if (/<\/?[a-z][^>]*>/i.test(value)) {
        errors.push(`「${label}」にHTMLのタグが含まれています。文章だけにしてください。`);
        return "";
      }
      const limit = LIMITS[field];
      if (limit && value.length > limit) {
        warnings.push(`「${label}」が${limit}文字を超えているため、${limit}文字までを取り込みます。`);
        return value.slice(0, limit);
      }
      return value;
    };
    const name = get("name").normalize("NFKC");
    const email = get("contactEmail").normalize("NFKC").trim().toLowerCase();
    if (!name) errors.push("医療機関名がありません。");
    if (!email) errors.push("担当者のメールアドレスがありません（招待メールの宛先になります）。");
    else if (!EMAIL.safeParse(email).success) errors.push(`メールアドレス「${email}」の形式が正しくありません。`);
    const key = rowKey(name, email);
    if (name && email && errors.length === 0) {
      const first = firstLineOf.get(key);
      if (first !== undefined) errors.push(`${first}行目と同じ医療機関・メールアドレスです（重複した回答）。`);
      else firstLineOf.set(key, line);
    }

    const optional = <T,>(field: ImportField, parse: (v: string) => T | null, message: string, empty: T): T => {
      const v = get(field);
      if (!v) return empty;
      const parsed = parse(v);
      if (parsed === null) {
        warnings.push(message.replace("{v}", v.slice(0, 30)));
        return empty;
      }
      return parsed;
    };
    const kind = optional<"HOSPITAL" | "CLINIC" | null>("kind", (v) => (/病院/.test(v) ? "HOSPITAL" : /診療所|クリニック|医院/.test(v) ? "CLINIC" : null), "種別「{v}」は病院・診療所のどちらか分からないため、空欄で取り込みます。", null);
    const bedCount = optional<number | null>("bedCount", (v) => (/^\d{1,4}$/.test(v.normalize("NFKC").replace(/床$/, "")) ? Number(v.normalize("NFKC").replace(/床$/, "")) : null), "病床数「{v}」は数字ではないため、空欄で取り込みます。", null);
    const postalCode = optional("postalCode", (v) => {
      const d = String(digitsAndDashes(v)).replace("-", "");
      return /^\d{7}$/.test(d) ? `${d.slice(0, 3)}-${d.slice(3)}` : null;
    }, "郵便番号「{v}」は7桁の数字ではないため、空欄で取り込みます。", "");
    const phone = (field: "phone" | "contactPhone", label: string) =>
      optional(field, (v) => {
        const d = String(digitsAndDashes(v));
        return /^0\d{1,4}-?\d{1,4}-?\d{3,4}$/.test(d) ? d : null;
      }, `${label}「{v}」の形式が正しくないため、空欄で取り込みます。`, "");
    const website = optional("website", (v) => {
      const u = v.normalize("NFKC");
      return /^https?:\/\/[^\s]+\.[^\s]+$/.test(u) && u.length <= 300 ? u : null;
    }, "ウェブサイト「{v}」は http:// か https:// で始まるURLではないため、空欄で取り込みます。", "");
    const nameKana = optional("nameKana", (v) => {
      const k = v.normalize("NFKC");
      return /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u.test(k) ? hiraganaReading(k) : null;
    }, "ふりがな「{v}」はひらがな・カタカナではないため、空欄で取り込みます。", "");
    let prefectureCode = optional<string | null>("prefecture", prefectureCodeOf, "都道府県「{v}」が分からないため、空欄で取り込みます。", null);
    let address = get("address");
    let city = get("city");
    // An address written in one cell: the prefecture (and nothing else) is taken from its start.
    const split = address ? splitAddress(address.normalize("NFKC")) : null;
    if (split) {
      prefectureCode ??= split.prefectureCode;
      if (split.prefectureCode === prefectureCode) address = split.rest;
    }
    if (city && address.startsWith(city)) address = address.slice(city.length).trim();
    city = city.slice(0, 50);
    const rest = {
      operatorName: get("operatorName") || name,
      phone: phone("phone", "電話番号"),
      contactName: get("contactName"),
      contactTitle: get("contactTitle"),
      contactPhone: phone("contactPhone", "担当者の電話番号"),
      stance: get("stance"),
      hopes: get("hopes"),
    };

    const state: RowCheck["state"] = errors.length > 0 ? "error" : importedKeys.has(key) ? "imported" : "valid";
    return {
      line,
      key,
      name,
      email,
      errors,
      warnings,
      state,
      draft:
        state === "error"
          ? null
          : {
              operatorName: rest.operatorName,
              contactEmail: email,
              profile: {
                name,
                nameKana,
                kind,
                bedCount,
                postalCode,
                prefectureCode,
                city,
                address,
                phone: rest.phone,
                website,
                contactName: rest.contactName,
                contactTitle: rest.contactTitle,
                contactEmail: email,
                contactPhone: rest.contactPhone,
                stance: rest.stance,
                hopes: rest.hopes,
              },
            },
    };
  });
}
