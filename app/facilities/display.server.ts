// For loaders of public pages: profile values as text, through a .server module so the page's
// browser bundle does not take in the profile schemas (and zod with them).
export { displayValue } from "./profile";
export { mapLink } from "./map-link";
