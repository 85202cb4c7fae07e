import path from "node:path";
import { defineConfig } from "vitest/config";

/** Browser journeys: the built site, started as `npm start` would, driven by Debian's Chromium. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/setup/browser-global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
