/**
 * Route modules import search through this file: Remix keeps `.server` modules out of the
 * browser bundle only inside app/, and the search code lives in the top-level search/ folder.
 */
export { searchFacilities } from "../../search/search.server";
