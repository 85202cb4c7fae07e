// The search's parameters parsed with zod, for loaders. A .server module inside app/ (Remix
// empties those in the browser build), so a page that parses its URL in its loader does not ship
// zod to the browser.
export { parseSearchParams, parseSearchParamsLeniently } from "../../search/query";
