// The schemas of the signed-in forms, for their actions. Their pages import them for the browser
// lazily (`useZodForm(() => import(…))`), so zod loads only where someone fills in a form; the
// actions import them through this .server module, which Remix leaves out of the browser build.
export { changePasswordSchema } from "./account";
export { campaignSendSchema, guidanceRecipientsSchema, parseRecipientLines, suppressionSchema } from "./campaign";
export { sectionByKey } from "./facility-profile";
export { reportNoteSchema, reportResolutionSchema } from "./listing-report";
export { inviteMemberSchema, newFacilitySchema, operatorSchema } from "./operator";
export { photoTextSchema } from "./photo";
export { deleteAccountSchema, newThreadSchema, physicianProfileSchema } from "./physician";
export { decisionSchema, paymentSchema } from "./review";
