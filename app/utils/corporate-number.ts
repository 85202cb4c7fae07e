/**
 * 法人番号 (corporate number): 13 digits, the first a check digit over the other twelve
 * (国税庁「法人番号の指定等に関する省令」): check = 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit
 * of the 12-digit base counted from the right and Qn is 1 for odd n, 2 for even n.
 */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const base = value.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9) === Number(value[0]);
}
