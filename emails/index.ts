import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import FacilityDecision, { facilityDecisionSubject, type FacilityDecisionProps } from "./facility-decision";
import OperatorInvitation, { operatorInvitationSubject, type OperatorInvitationProps } from "./operator-invitation";
import ReviewRequested, { reviewRequestedSubject, type ReviewRequestedProps } from "./review-requested";
import FeeNotice, { feeNoticeSubject, type FeeNoticeProps } from "./fee-notice";
import PaymentFlagged, { paymentFlaggedSubject, type PaymentFlaggedProps } from "./payment-flagged";
import ReceiptMail, { receiptSubject, type ReceiptMailProps } from "./receipt";
import AccountExists, { accountExistsSubject, type AccountExistsProps } from "./account-exists";
import PasswordChanged, { passwordChangedSubject, type PasswordChangedProps } from "./password-changed";
import ResetPassword, { resetPasswordSubject, type ResetPasswordProps } from "./reset-password";
import VerifyEmail, { verifyEmailSubject, type VerifyEmailProps } from "./verify-email";
import NewMessage, { newMessageSubject, type NewMessageProps } from "./new-message";
import ThreadReported, { threadReportedSubject, type ThreadReportedProps } from "./thread-reported";
import AlertDigest, { alertDigestSubject, type AlertDigestProps } from "./alert-digest";
import FacilityClaim, { facilityClaimSubject, type FacilityClaimProps } from "./facility-claim";
import Guidance, { guidanceSubject, type GuidanceProps } from "./guidance";
import ListingReported, { listingReportedSubject, type ListingReportedProps } from "./listing-reported";

/** Every mail the site sends, by name. Adding a mail = a template file + one line here. */
type Entry<P> = { subject: string | ((props: P) => string); component: ComponentType<P> };

export const MAIL_TEMPLATES = {
  "verify-email": { subject: verifyEmailSubject, component: VerifyEmail } as Entry<VerifyEmailProps>,
  "reset-password": { subject: resetPasswordSubject, component: ResetPassword } as Entry<ResetPasswordProps>,
  "account-exists": { subject: accountExistsSubject, component: AccountExists } as Entry<AccountExistsProps>,
  "password-changed": { subject: passwordChangedSubject, component: PasswordChanged } as Entry<PasswordChangedProps>,
  "facility-decision": { subject: facilityDecisionSubject, component: FacilityDecision } as Entry<FacilityDecisionProps>,
  "operator-invitation": { subject: operatorInvitationSubject, component: OperatorInvitation } as Entry<OperatorInvitationProps>,
  "review-requested": { subject: reviewRequestedSubject, component: ReviewRequested } as Entry<ReviewRequestedProps>,
  receipt: { subject: receiptSubject, component: ReceiptMail } as Entry<ReceiptMailProps>,
  "fee-notice": { subject: feeNoticeSubject, component: FeeNotice } as Entry<FeeNoticeProps>,
  "payment-flagged": { subject: paymentFlaggedSubject, component: PaymentFlagged } as Entry<PaymentFlaggedProps>,
  "new-message": { subject: newMessageSubject, component: NewMessage } as Entry<NewMessageProps>,
  "thread-reported": { subject: threadReportedSubject, component: ThreadReported } as Entry<ThreadReportedProps>,
  "alert-digest": { subject: alertDigestSubject, component: AlertDigest } as Entry<AlertDigestProps>,
  "listing-reported": { subject: listingReportedSubject, component: ListingReported } as Entry<ListingReportedProps>,
  "facility-claim": { subject: facilityClaimSubject, component: FacilityClaim } as Entry<FacilityClaimProps>,
  guidance: { subject: guidanceSubject, component: Guidance } as Entry<GuidanceProps>,
};

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailProps<T extends MailTemplateName> =
  (typeof MAIL_TEMPLATES)[T] extends Entry<infer P> ? P : never;

export async function renderMail<T extends MailTemplateName>(template: T, props: MailProps<T>) {
  const entry = MAIL_TEMPLATES[template] as unknown as Entry<MailProps<T>>;
  const element = createElement(entry.component as ComponentType<object>, props as object);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const subject = typeof entry.subject === "function" ? entry.subject(props) : entry.subject;
  return { subject, html, text };
}
