// The public forms' schemas for their actions. Their pages import the schemas for the browser
// lazily (\`useZodForm(() => import(…))\`), so zod loads only once someone fills in a form; the
// actions import them through this .server module, which Remix leaves out of the browser build.
export { forgotPasswordSchema, loginSchema, resetPasswordSchema, signupSchema } from "./account";
export { listingReportSchema } from "./listing-report";
