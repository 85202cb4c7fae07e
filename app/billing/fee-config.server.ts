import { getEnv } from "~/utils/env.server";
import { taxOn } from "./policy";

/** The configured fee, issuer and policy (validated with the rest of the environment). */
export function feeConfig() {
  const env = getEnv();
  const taxAmount = taxOn(env.FEE_AMOUNT_EXCL_TAX, env.FEE_TAX_RATE_PERCENT);
  return {
    amountExclTax: env.FEE_AMOUNT_EXCL_TAX,
    taxRatePercent: env.FEE_TAX_RATE_PERCENT,
    taxAmount,
    amountTotal: env.FEE_AMOUNT_EXCL_TAX + taxAmount,
    currency: "jpy" as const,
    nextYearFromMonth: env.FEE_NEXT_YEAR_FROM_MONTH,
    graceDays: env.FEE_GRACE_DAYS,
    issuerName: env.INVOICE_ISSUER_NAME,
    registrationNumber: env.INVOICE_REGISTRATION_NUMBER ?? "",
  };
}
