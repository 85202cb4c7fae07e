import type { FeePeriod, PaymentMethod, Prisma } from "~/generated/prisma/client";
import { fiscalYearLabel } from "~/billing/fiscal-year";
import { formatJst } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { taxOn, yen } from "../billing/policy";
import { feeConfig } from "../billing/fee-config.server";

type Tx = Prisma.TransactionClient;

/**
 * The next receipt number. The counter row is incremented inside the payment's transaction and
 * stays locked until it commits, so numbers are consecutive and a rolled-back payment leaves no gap.
 */
async function nextReceiptNumber(tx: Tx) {
  const rows = await tx.$queryRaw<Array<{ value: number }>>`
    INSERT INTO "Counter" ("name", "value") VALUES ('receipt', 1)
    ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1
    RETURNING "value"`;
  return Number(rows[0]!.value);
}

export function receiptNumberLabel(number: number) {
  return String(number).padStart(6, "0");
}

export function feeDescription(fiscalYear: number) {
  return `GMネットワーク登録料（${fiscalYearLabel(fiscalYear)}）`;
}

/** Issues the receipt of a paid fee period and mails it to the facility's members. */
export async function issueReceipt(tx: Tx, period: FeePeriod, method: PaymentMethod, paidAt: Date, now = new Date()) {
  const facility = await tx.facility.findUniqueOrThrow({
    where: { id: period.facilityId },
    include: {
      operator: { include: { members: { include: { user: { select: { email: true } } } } } },
      profiles: { where: { stage: "DRAFT" }, select: { name: true } },
    },
  });
  const { issuerName, registrationNumber } = feeConfig();
  const taxAmount = taxOn(period.amountExclTax, period.taxRatePercent);
  const receipt = await tx.receipt.create({
    data: {
      number: await nextReceiptNumber(tx),
      feePeriodId: period.id,
      facilityId: period.facilityId,
      issuedAt: now,
      paidAt,
      issuerName,
      registrationNumber,
      recipientName: facility.profiles[0]?.name ?? "",
      operatorName: facility.operator.name,
      description: feeDescription(period.fiscalYear),
      amountExclTax: period.amountExclTax,
      taxRatePercent: period.taxRatePercent,
      taxAmount,
      amountTotal: period.amountExclTax + taxAmount,
      paymentMethod: method,
    },
  });
  for (const member of facility.operator.members) {
    await enqueueMail(tx, member.user.email, "receipt", {
      number: receiptNumberLabel(receipt.number),
      facilityName: receipt.recipientName,
      description: receipt.description,
      amountExclTax: yen(receipt.amountExclTax),
      taxRatePercent: receipt.taxRatePercent,
      taxAmount: yen(receipt.taxAmount),
      amountTotal: yen(receipt.amountTotal),
      paidAt: formatJst(receipt.paidAt),
      issuerName: receipt.issuerName,
      registrationNumber: receipt.registrationNumber,
      url: `${getEnv().APP_URL}/receipts/${receipt.id}`,
    });
  }
  return receipt;
}
