import "@remix-run/node";

// Single Fetch (v3_singleFetch) types for loaders and actions.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
