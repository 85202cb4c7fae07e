// `npm run dev`: rebuilds on every change (remix watch) and restarts the server on each build.
import { spawn, spawnSync } from "node:child_process";

if (spawnSync("npx", ["remix", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
const children = [
  spawn("npx", ["remix", "watch"], { stdio: "inherit" }),
  // Development mode for React and Remix (npm start, without NODE_ENV, runs production mode).
  spawn(process.execPath, ["--watch-path=./build", "./server.js"], { stdio: "inherit", env: { ...process.env, NODE_ENV: process.env.NODE_ENV || "development" } }),
];
const stop = () => children.forEach((c) => c.kill("SIGTERM"));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
children.forEach((c) => c.on("exit", stop));
