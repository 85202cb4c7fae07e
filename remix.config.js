/**
 * Remix 2 classic compiler (the customer's card). The v3 future flags are on so that a later
 * move to React Router 7 stays small.
 * @type {import('@remix-run/dev').AppConfig}
 */
// `remix build` always sets NODE_ENV=production, so a deployment build says so explicitly
// (npm run build:production) to leave development-only routes out of the bundle.
const production = process.env.GM_PRODUCTION_BUILD === "1";

export default {
  appDirectory: "app",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Tailwind 4 runs through PostCSS (postcss.config.js); Remix's own Tailwind 3 hook stays off.
  tailwind: false,
  postcss: true,
  // The development mailbox is never even built into a production bundle.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", ...(production ? ["**/dev.*"] : [])],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
